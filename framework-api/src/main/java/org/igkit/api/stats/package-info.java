/** Small descriptive statistics shared by the modules: {@link org.igkit.api.stats.Moments}. */
package org.igkit.api.stats;
