/** Steps applied to a method's finished attribution map ({@code postprocess:} of a method). */
package org.igkit.api.postprocess;
