/**
 * Data on cluster file systems: {@link org.igkit.spark.storage.HadoopStorage}, the
 * {@link org.igkit.api.io.Storage} for Hadoop's file systems ({@code hdfs:}, {@code s3a:},
 * {@code file:}, …), and {@link org.igkit.spark.storage.ListedData}, a run's data listed once on
 * the driver and shipped to the executors.
 */
package org.igkit.spark.storage;
