package org.igkit.paths.step;

import org.igkit.api.path.Path;
import org.igkit.paths.straight.StraightPath;
import org.igkit.testkit.StepRuleContract;

/** The step-rule contract run on the {@code straight} plugin rather than the test kit's line. */
interface StraightPathStepRuleContract extends StepRuleContract {

  @Override
  default Path path() {
    return new StraightPath();
  }
}
