{{/* One Server named $name with serverConfig $name, from the values under $name (mlserver, triton). */}}
{{- define "trantor.server" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $v := index $root.Values $name -}}
apiVersion: mlops.seldon.io/v1alpha1
kind: Server
metadata:
  name: {{ $name }}
  namespace: {{ $root.Release.Namespace }}
  labels:
    app.kubernetes.io/part-of: trantor
    app.kubernetes.io/managed-by: {{ $root.Release.Service }}
    helm.sh/chart: {{ $root.Chart.Name }}-{{ $root.Chart.Version }}
    {{- with $v.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $v.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serverConfig: {{ $name }}
  replicas: {{ $v.replicas }}
  minReplicas: {{ $v.minReplicas }}
  maxReplicas: {{ $v.maxReplicas }}
  {{- with $v.podSpec }}
  podSpec:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if not $root.Values.useDeploymentsForServers }}
  {{- with $v.statefulSetPersistentVolumeClaimRetentionPolicy }}
  statefulSetPersistentVolumeClaimRetentionPolicy:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- end }}
{{- end -}}
