#!/usr/bin/env bash
# A standalone Spark cluster on 127.0.0.1 loses a worker mid-run and still writes the local runner's
# results: starts a master and two one-core workers (scripts/igkit-spark start), submits
# scripts/spark-cluster-check.yaml in 16 partitions, and once a worker's executor has started a task after
# the first task finished, kills that worker and its executor (kill -9) while the task runs. The job
# must then finish on the remaining worker, and its results.csv and curves.csv must be byte-identical
# to `./igkit run` of the same file. It also prints the job's slot use from Spark's event log: the
# tasks' run time (launch to end, lost attempts included) over the slots × the job's wall time, and over
# the slot time the executors were up; a figure only, never a reason to fail. The cluster is always
# stopped. Logs: target/spark-cluster-check/ (the event log in events/).
# Usage: scripts/spark-cluster-check.sh   (exit 0: passed; 1: failed, with the reason on stderr)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
dir="$root/target/spark-cluster-check"
yaml="scripts/spark-cluster-check.yaml"
partitions=16
timeout=900 # a safety net only: every wait ends on observed progress
driver=""

fail() {
  echo "spark-cluster-check: FAILED: $*" >&2
  exit 1
}

cleanup() {
  if [ -n "$driver" ] && kill -0 "$driver" 2>/dev/null; then
    kill "$driver" 2>/dev/null || true
    wait "$driver" 2>/dev/null || true
  fi
  if compgen -G "$dir/cluster/*.pid" >/dev/null; then
    scripts/igkit-spark stop --dir "$dir/cluster" || true
  fi
}
trap cleanup EXIT
trap 'fail "interrupted"' INT TERM

# Prints the slot use of the job with the most tasks in the event log under $dir/events, given the
# cluster's slots: Σ task run time ÷ (slots × job wall time), and ÷ the slot time of the executors that
# were up (cores × time, within the job). Prints why not when it cannot; never fails the check.
slot_use() {
  local events
  events="$(find "$dir/events" -type f -size +0 2>/dev/null | head -n 1)"
  if [ -z "$events" ]; then
    echo "spark-cluster-check: slot use not measured: no event log in $dir/events"
    return 0
  fi
  if ! command -v python3 >/dev/null; then
    echo "spark-cluster-check: slot use not measured: python3 is needed to read the event log $events"
    return 0
  fi
  python3 - "$events" "$1" <<'PY' || echo "spark-cluster-check: slot use not measured: cannot read the event log $events"
import json, sys
path, slots = sys.argv[1], int(sys.argv[2])
jobs, tasks, added, removed = {}, [], {}, {}
with open(path, encoding="utf-8") as f:
    for line in f:
        e = json.loads(line)
        kind = e.get("Event")
        if kind == "SparkListenerJobStart":
            jobs[e["Job ID"]] = {"start": e["Submission Time"], "stages": set(e["Stage IDs"])}
        elif kind == "SparkListenerJobEnd" and e["Job ID"] in jobs:
            jobs[e["Job ID"]]["end"] = e["Completion Time"]
        elif kind == "SparkListenerTaskEnd":
            info = e["Task Info"]
            tasks.append((e["Stage ID"], info["Launch Time"], info["Finish Time"], e.get("Task End Reason", {}).get("Reason")))
        elif kind == "SparkListenerExecutorAdded":
            added[e["Executor ID"]] = (e["Timestamp"], e["Executor Info"]["Total Cores"])
        elif kind == "SparkListenerExecutorRemoved":
            removed[e["Executor ID"]] = e["Timestamp"]
done = [j for j in jobs.values() if "end" in j]
if not done:
    sys.exit("no finished job")
job = max(done, key=lambda j: sum(1 for t in tasks if t[0] in j["stages"]))
start, end = job["start"], job["end"]
mine = [t for t in tasks if t[0] in job["stages"]]
busy = sum(max(0, t[2] - t[1]) for t in mine)
lost = sum(1 for t in mine if t[3] != "Success")
wall = end - start
up = sum(cores * max(0, min(removed.get(x, end), end) - max(t0, start)) for x, (t0, cores) in added.items())
print("spark-cluster-check: slot use %.0f %%: %d task attempt(s) (%d lost) ran %.1f s of %d slot(s) x %.1f s"
      " (the job's wall time); %.0f %% of the %.1f slot-s the executors were up during the job"
      % (100.0 * busy / (slots * wall), len(mine), lost, busy / 1000, slots, wall / 1000,
         100.0 * busy / up if up else float("nan"), up / 1000))
PY
}

rm -rf "$dir"
mkdir -p "$dir"
export IGKIT_THREADS=1
SECONDS=0
scripts/igkit-spark home >/dev/null
built=$SECONDS

# 1. The cluster: a master and two workers of one core each, free ports on 127.0.0.1.
slots=2 # two workers of one core each
master="$(scripts/igkit-spark start --workers 2 --cores 1 --memory 1g --dir "$dir/cluster")"
started=$SECONDS
echo "spark-cluster-check: Spark home ready in ${built}s; cluster up at $master in $((started - built))s"

# 2. The job, in the background; the driver's log shows which tasks run where, its event log when.
log="$dir/driver.log"
: >"$log"
mkdir -p "$dir/events"
scripts/igkit-spark submit --master "$master" --conf spark.executor.memory=1g \
  --conf spark.eventLog.enabled=true --conf "spark.eventLog.dir=file://$dir/events" \
  --conf spark.eventLog.compress=false --conf spark.eventLog.rolling.enabled=false \
  "$yaml" --output "$dir/spark" --partitions "$partitions" >"$log" 2>&1 &
driver=$!

# 3. Progress: a finished task, and a task running on a worker's executor (the first worker's when
#    both run one); then kill that worker and its executor.
executor_ids=("" "" "")
victim=""
running_tid=""
waited=0
while :; do
  kill -0 "$driver" 2>/dev/null || { tail -n 40 "$log" >&2; fail "the job ended before a worker could be killed while running a task (log: $log); give it more samples or partitions"; }
  [ "$waited" -lt $((timeout * 2)) ] || fail "no progress after ${timeout}s (log: $log)"
  if grep -q 'Finished task' "$log"; then
    for w in 1 2; do
      if [ -z "${executor_ids[$w]}" ]; then
        executor_ids[w]="$(sed -n 's/.*Asked to launch executor app-[0-9-]*\/\([0-9]*\) .*/\1/p' "$dir/cluster/worker-$w.log" | head -n 1)"
      fi
      [ -n "${executor_ids[$w]}" ] || continue
      # Only tasks the executor started after the first task finished: one of those has just begun, so
      # the kill comes while it runs (a first-wave task may be about to end).
      # shellcheck disable=SC2013 # one task id per line
      for tid in $(awk -v e="executor ${executor_ids[$w]}," '/Finished task/ { f = 1 }
          f && /Starting task/ && index($0, e) && match($0, /\(TID [0-9]+\)/) { print substr($0, RSTART + 5, RLENGTH - 6) }' "$log"); do
        if ! grep -q "Finished task .* (TID $tid) " "$log"; then
          running_tid="$tid"
        fi
      done
      if [ -n "$running_tid" ]; then
        victim="$w"
        break
      fi
    done
    [ -n "$victim" ] && break
  fi
  sleep 0.5
  waited=$((waited + 1))
done
executor_id="${executor_ids[$victim]}"
survivor=$((3 - victim))
worker_pid="$(cat "$dir/cluster/worker-$victim.pid")"
executors="$({ cat /proc/"$worker_pid"/task/*/children 2>/dev/null || ps -o pid= --ppid "$worker_pid" 2>/dev/null || true; } | tr -s '[:space:]' ' ' | sed 's/^ //; s/ $//')"
[ -n "$executors" ] || fail "worker $victim (pid $worker_pid) has no executor process to kill"
finished_before="$(grep -c 'Finished task' "$log" || true)"
# shellcheck disable=SC2086
kill -9 $executors "$worker_pid"
killed_at=$SECONDS
echo "spark-cluster-check: killed worker $victim (pid $worker_pid) and its executor $executor_id (pid $executors) while it ran task TID $running_tid, after $finished_before finished task(s)"

# 4. The job finishes on the other worker.
waited=0
while kill -0 "$driver" 2>/dev/null; do
  [ "$waited" -lt $((timeout * 2)) ] || fail "the job has not finished ${timeout}s after the kill (log: $log)"
  sleep 0.5
  waited=$((waited + 1))
done
rc=0
wait "$driver" || rc=$?
driver=""
[ "$rc" = 0 ] || { tail -n 40 "$log" >&2; fail "the Spark job exited with code $rc (log: $log)"; }
reruns="$(grep -c -E 'Starting task [0-9]+\.[1-9][0-9]* in stage' "$log" || true)"
after="$(awk -v t="$finished_before" '/Finished task/ { n++; if (n > t) print }' "$log" | grep -c -v "executor $executor_id)" || true)"
if grep -q -E "\(TID $running_tid\) .*(failed|ExecutorLostFailure)" "$log"; then
  fate="task TID $running_tid was lost with the executor and run again"
else
  fate="task TID $running_tid had finished just before the kill"
fi
echo "spark-cluster-check: the job finished $((SECONDS - started))s after the cluster was up ($((SECONDS - killed_at))s after the kill); $fate; $reruns task attempt(s) rerun, $after task(s) finished on worker $survivor after the kill"
[ "$after" -ge 1 ] || fail "no task finished on the remaining worker after the kill (log: $log)"
scripts/igkit-spark stop --dir "$dir/cluster"
slot_use "$slots"

# 5. The local runner on the same file: the same bytes.
local_start=$SECONDS
./igkit run "$yaml" --output "$dir/local" >"$dir/local.log" 2>&1 || { tail -n 20 "$dir/local.log" >&2; fail "./igkit run $yaml failed (log: $dir/local.log)"; }
for f in results.csv curves.csv; do
  [ -s "$dir/local/$f" ] || fail "./igkit run wrote no $f"
  [ -s "$dir/spark/$f" ] || fail "the Spark run wrote no $f"
  cmp "$dir/local/$f" "$dir/spark/$f" || fail "$f differs between ./igkit run ($dir/local) and the cluster ($dir/spark)"
done
echo "spark-cluster-check: ./igkit run took $((SECONDS - local_start))s (its build included)"
echo "spark-cluster-check: passed in ${SECONDS}s: results.csv ($(($(wc -l <"$dir/spark/results.csv") - 1)) rows) and curves.csv are byte-identical to ./igkit run after losing a worker mid-task"
