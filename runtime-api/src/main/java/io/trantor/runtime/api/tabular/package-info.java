/**
 * How a runtime for tabular models (gradient-boosted trees and the like) lays request tensors out
 * as a row-major feature matrix: the {@link io.trantor.runtime.api.tabular.InputLayout} decided
 * at load from the declared inputs (one {@code [rows, features]} matrix, or one tensor per column
 * as MLServer's "pd" content type sends a DataFrame), the
 * {@link io.trantor.runtime.api.tabular.FeatureMatrix} read from each request by it, and the
 * {@link io.trantor.runtime.api.tabular.DeclaredOrWellKnownFile} rule by which such a runtime
 * claims an artifact.
 */
package io.trantor.runtime.api.tabular;
