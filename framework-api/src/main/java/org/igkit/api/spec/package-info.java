/** Validation and naming helpers used by the compact constructors of spec records. */
package org.igkit.api.spec;
