package org.igkit.testkit;

import org.igkit.api.path.Path;

/** The kit's own straight line keeps the path contract. */
class ReferenceStraightPathTest implements PathContract {

  @Override
  public Path path() {
    return new ReferenceStraightPath();
  }

  @Override
  public boolean symmetric() {
    return true;
  }
}
