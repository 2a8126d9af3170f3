/** The Cell QC node: per-cell quality metrics, outlier flags and a gene filter. */
package io.github.scllm.knime.qc.cellqc;
