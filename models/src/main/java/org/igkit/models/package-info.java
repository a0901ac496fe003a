/**
 * Models as attribution methods see them: {@link org.igkit.api.model.ModelSpec} says what to
 * load and how to preprocess, {@link org.igkit.models.DjlModelFunction} implements
 * {@link org.igkit.api.model.ModelFunction} on DJL's PyTorch engine for TorchScript files and for
 * DJL blocks of the families in {@link org.igkit.models.block.BlockArchitectures} ({@code small-cnn},
 * a reduced ResNet, a VGG-style and a MobileNetV2-style net; parameters in
 * {@link org.igkit.models.BlockParameters}), and
 * {@link org.igkit.models.PyTorchRuntime} starts the engine offline with the configured
 * thread counts.
 *
 * <p>Environment: DJL 0.35.1 with {@code pytorch-native-cpu} 2.7.1 ({@code linux-x86_64}) and
 * {@code pytorch-jni} 2.7.1-0.35.1 on the class path. Run with {@code DJL_OFFLINE=true} (or
 * {@code -Dai.djl.offline=true}) and {@code OPT_OUT_TRACKING=true}; {@link
 * org.igkit.models.PyTorchRuntime} sets both as system properties when the user set neither.
 * Natives are extracted once into {@code ~/.djl.ai} (override with {@code DJL_CACHE_DIR}).
 * {@code OMP_NUM_THREADS=1} is advisable on shared machines.
 */
package org.igkit.models;
