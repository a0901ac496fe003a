/** Image operations shared by plugins (blur), over C×H×W float arrays. */
package org.igkit.api.image;
