/**
 * The seven {@code mlops.seldon.io/v1alpha1} kinds of Seldon Core 2 as fabric8 custom resources: the
 * CRDs in {@code deploy/helm/trantor-crds} are generated from these types (names, printer columns,
 * subresources: see shared reference, seldon-operator.md §1; fields: seldon-api-surface.md §4).
 * Field types follow Seldon's schema: typed where it is typed ({@code podSpec} is Kubernetes'
 * PodSpec), int-or-string where it is int-or-string.
 */
package io.trantor.operator.crd;
