package org.igkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.igkit.api.plugin.PluginLoader;
import org.igkit.api.plugin.PluginRegistry;
import org.igkit.runner.config.Cell;
import org.igkit.runner.config.Experiment;
import org.igkit.runner.config.ExperimentLoader;
import org.igkit.runner.results.NoLinks;
import org.igkit.runner.results.ResultsCsv;
import org.igkit.runner.run.ExperimentRunner;
import org.igkit.runner.run.OutputFolders;
import org.igkit.runner.run.Reports;
import org.igkit.runner.run.SampleFaults;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code igkit run FILE}: validates the experiment (all errors at once, before any model loads),
 * runs it into its output folder — resuming a folder that already holds results — and writes the
 * summary. {@code igkit run --reproduce DIR} runs a finished run's resolved configuration again and
 * says whether the results are identical. Exit code 0: complete; {@value SampleFaults#PARTIAL_EXIT_CODE}:
 * complete except for samples that failed (error rows, reasons in {@code errors.csv}); 2: the output
 * folder holds results of another experiment or setting (what differs is listed; {@code --force-new}
 * moves them aside).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run an experiment file (resumes an interrupted run in the same output folder).")
final class RunCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "the experiment YAML")
  Path file;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output folder (default: the file's `output`, else runs/<name>)")
  Path output;

  @Option(names = "--reproduce", paramLabel = "DIR", description = "re-run the run in DIR from its resolved.yaml and compare results")
  Path reproduce;

  @Option(names = "--force-new", description = "start afresh: move the output folder's earlier results aside "
      + "(to <folder>.superseded-N) instead of resuming them; refused when the folder holds files igkit did not write")
  boolean forceNew;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    var out = spec.commandLine().getOut();
    if ((file == null) == (reproduce == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either FILE or --reproduce DIR");
    }
    PluginRegistry registry = PluginLoader.registry();
    ExperimentLoader loader = new ExperimentLoader(registry);
    Path source = reproduce == null ? file : reproduce.resolve("resolved.yaml");
    if (reproduce != null && !Files.isRegularFile(source)) {
      throw new IllegalArgumentException(reproduce + " holds no resolved.yaml: not an igkit run folder");
    }
    Experiment experiment = loader.load(source);
    List<Cell> cells = loader.cells(experiment);
    Path dir = output != null ? output : reproduce != null ? reproduce.resolve("reproduction") : Path.of(experiment.output());
    if (reproduce != null && output == null) {
      // reproduction/ lies inside the received run folder: it must be a folder of its own
      NoLinks.refuse(dir);
    }
    if (reproduce != null && Files.exists(dir.resolve(ResultsCsv.RESULTS_FILE))) {
      throw new IllegalArgumentException(dir + " already holds results, which a reproduction would only resume; "
          + "remove it or pass --output with a new folder");
    }
    out.printf("experiment %s: %d method(s), %d cell(s) → %s%n", experiment.name(), experiment.methods().size(), cells.size(), dir.toAbsolutePath());
    if (forceNew) {
      OutputFolders.moveAside(dir).ifPresent(moved ->
          out.printf("--force-new: moved the earlier contents of %s to %s%n", dir.toAbsolutePath(), moved));
    }
    ExperimentRunner.Outcome outcome;
    try (Progress progress = new Progress(spec.commandLine().getErr(), out)) {
      outcome = new ExperimentRunner(registry).run(experiment, dir, progress);
    }
    if (outcome.skipped() > 0) {
      out.printf("resumed: %d (sample, cell) result(s) were already complete, %d computed now%n", outcome.skipped(), outcome.computed());
    }
    org.igkit.runner.report.Summary summary = Reports.write(dir, experiment, cells, registry);
    out.println("results: " + dir.resolve(ResultsCsv.RESULTS_FILE).toAbsolutePath());
    out.println("summary: " + dir.resolve("summary.md").toAbsolutePath());
    out.println("report:  " + dir.resolve(org.igkit.runner.html.HtmlReport.FILE).toAbsolutePath());
    if (reproduce != null) {
      boolean same = java.util.Arrays.equals(
          Files.readAllBytes(reproduce.resolve(ResultsCsv.RESULTS_FILE)), Files.readAllBytes(dir.resolve(ResultsCsv.RESULTS_FILE)));
      out.println(same ? "reproduced: results.csv is byte-identical to the original run's"
          : "NOT reproduced: results.csv differs from " + reproduce.resolve(ResultsCsv.RESULTS_FILE));
      return same ? 0 : Igkit.RUN_ERROR;
    }
    if (summary.skippedUnits() > 0) {
      out.printf("partial: %d sample(s) failed in %d (sample, cell) unit(s); reasons: %s (exit code %d)%n",
          summary.skippedSamples(), summary.skippedUnits(), dir.resolve(SampleFaults.ERRORS_FILE).toAbsolutePath(),
          SampleFaults.PARTIAL_EXIT_CODE);
      return SampleFaults.PARTIAL_EXIT_CODE;
    }
    return 0;
  }

  /**
   * A console progress bar with rate and ETA (on stderr, so stdout stays parseable); it names the
   * unit in progress ({@code sample · cell}) from the moment it starts, so a slow unit shows what
   * it is working on.
   */
  static final class Progress implements ExperimentRunner.Listener, AutoCloseable {
    private final java.io.PrintWriter err;
    private final java.io.PrintWriter out;
    private ProgressBar bar;

    Progress(java.io.PrintWriter err, java.io.PrintWriter out) {
      this.err = err;
      this.out = out;
    }

    @Override
    public void repaired(List<String> repairs) {
      for (String r : repairs) {
        out.println("repaired: " + r);
      }
      out.flush();
    }

    @Override
    public void started(long total, long alreadyDone) {
      bar = new ProgressBarBuilder()
          .setTaskName("attributing")
          .setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII)
          .setConsumer(new me.tongfei.progressbar.DelegatingProgressBarConsumer(line -> {
            err.print('\r' + line);
            err.flush();
          }, 100))
          .setUnit(" units", 1)
          .showSpeed()
          .startsFrom(alreadyDone, java.time.Duration.ZERO)
          .build();
    }

    @Override
    public void unitStarted(String sampleId, String cellId) {
      bar.setExtraMessage(inProgress(sampleId, cellId));
    }

    @Override
    public void step(String sampleId, String cellId) {
      bar.step();
    }

    /** Returns the bar's message while unit (sample, cell) is computed. */
    static String inProgress(String sampleId, String cellId) {
      return " " + sampleId + " · " + cellId;
    }

    /** Returns the message the bar shows now (empty before the first unit). */
    String message() {
      return bar == null ? "" : bar.getExtraMessage();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        err.println();
        err.flush();
      }
    }
  }
}
