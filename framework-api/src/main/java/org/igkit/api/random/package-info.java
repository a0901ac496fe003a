/** Seeded, named sources of randomness: the only place igkit draws random numbers from. */
package org.igkit.api.random;
