{{/* The image reference: registry/repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "trantor.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if .Values.image.registry -}}
{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ $tag }}
{{- else -}}
{{ .Values.image.repository }}:{{ $tag }}
{{- end -}}
{{- end -}}

{{/* The one namespace the operator watches when not clusterwide. */}}
{{- define "trantor.watchNamespace" -}}
{{- $ns := .Values.controller.watchNamespaces | default .Release.Namespace | trim -}}
{{- if contains "," $ns -}}
{{- fail (printf "controller.watchNamespaces: Trantor's operator watches one namespace (or set controller.clusterwide=true), got %q" $ns) -}}
{{- end -}}
{{- $ns -}}
{{- end -}}

{{/* The control plane address the operator talks to. */}}
{{- define "trantor.controlPlane" -}}
{{- .Values.controller.controlPlane | default (printf "seldon-scheduler.%s:9004" (include "trantor.watchNamespace" .)) -}}
{{- end -}}

{{- define "trantor.labels" -}}
app.kubernetes.io/name: trantor-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: trantor
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}
