/** An example of a plugin jar written outside igkit: a path, its module and its contract test. */
package org.igkit.example;
