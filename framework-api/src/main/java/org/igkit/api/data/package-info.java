/** The data-set SPI: ordered samples with labels and optional masks. */
package org.igkit.api.data;
