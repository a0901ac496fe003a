/** igkit's path and step-rule plugins and their Guice module. */
package org.igkit.paths;
