{{/* The image reference: registry/repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "trantor.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion -}}
{{- if .Values.image.registry -}}
{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ $tag }}
{{- else -}}
{{ .Values.image.repository }}:{{ $tag }}
{{- end -}}
{{- end -}}

{{- define "trantor.labels" -}}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: trantor
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
{{- end -}}

{{/* The Kafka flags both roles take (cli's KafkaMixin), from kafka.* and security.kafka.*; none without a bootstrap. */}}
{{- define "trantor.kafkaArgs" -}}
{{- if .Values.kafka.bootstrap }}
- --kafka
- {{ .Values.kafka.bootstrap | quote }}
- --kafka-topic-prefix
- {{ .Values.kafka.topicPrefix | quote }}
{{- with .Values.kafka.consumerGroupIdPrefix }}
- --kafka-consumer-group-prefix
- {{ . | quote }}
{{- end }}
- --kafka-partitions
- {{ .Values.kafka.topics.numPartitions | quote }}
- --kafka-replication-factor
- {{ .Values.kafka.topics.replicationFactor | quote }}
- --kafka-max-message-bytes
- {{ .Values.kafka.messageMaxBytes | int64 | quote }}
- --kafka-security-protocol
- {{ .Values.security.kafka.protocol | quote }}
{{- if hasPrefix "SASL" .Values.security.kafka.protocol }}
- --kafka-sasl-mechanism
- {{ .Values.security.kafka.sasl.mechanism | quote }}
- --kafka-sasl-username
- {{ .Values.security.kafka.sasl.client.username | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The SASL password as $TRANTOR_KAFKA_SASL_PASSWORD, from the named Secret. */}}
{{- define "trantor.kafkaEnv" -}}
{{- if and .Values.kafka.bootstrap (hasPrefix "SASL" .Values.security.kafka.protocol) .Values.security.kafka.sasl.client.secret }}
- name: TRANTOR_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .Values.security.kafka.sasl.client.secret }}
      key: {{ .Values.security.kafka.sasl.client.passwordPath }}
{{- end }}
{{- end -}}
