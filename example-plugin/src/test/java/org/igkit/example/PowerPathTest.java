package org.igkit.example;

import static org.assertj.core.api.Assertions.assertThat;

import org.igkit.api.path.Path;
import org.igkit.api.plugin.Capability;
import org.igkit.api.plugin.PluginLoader;
import org.junit.jupiter.api.Test;
import org.igkit.testkit.PathContract;

/** A plugin author's whole test: the path contract from igkit's test kit, plus discovery. */
class PowerPathTest implements PathContract {

  @Override
  public Path path() {
    return new PowerPath(3);
  }

  @Override
  public boolean symmetric() {
    return PowerPath.TYPE.has(Capability.SYMMETRIC);
  }

  @Test
  void isFoundOnTheClassPath() {
    assertThat(PluginLoader.registry().plugins(Path.class)).containsKey("power");
  }
}
