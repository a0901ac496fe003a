/** igkit's aggregators and baseline samplers and their Guice module. */
package org.igkit.aggregators;
