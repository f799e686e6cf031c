{{- define "aragora.fullname" -}}
{{- if contains "aragora" .Release.Name -}}{{ .Release.Name | trunc 63 | trimSuffix "-" }}{{- else -}}{{ printf "%s-aragora" .Release.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- end -}}

{{- define "aragora.selectorLabels" -}}
app.kubernetes.io/name: aragora
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "aragora.labels" -}}
{{ include "aragora.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "aragora.image" -}}
{{ .Values.aragora.image.repository }}:{{ .Values.aragora.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* On an upgrade, the value of key in the Secret this chart generated before (kept across upgrades), else "".
     A first install has nothing to find (and `helm template` no cluster to ask). */}}
{{- define "aragora.previousSecret" -}}
{{- if .root.Release.IsUpgrade -}}
{{- $secret := lookup "v1" "Secret" .root.Release.Namespace (printf "%s-%s" (include "aragora.fullname" .root) (.secret | default "generated")) -}}
{{- if and $secret $secret.data (hasKey $secret.data .key) -}}{{ index $secret.data .key | b64dec }}{{- end -}}
{{- end -}}
{{- end -}}

{{/* A generated value: the given one, else the one generated before, else a new random one. */}}
{{- define "aragora.generated" -}}
{{- $previous := include "aragora.previousSecret" . -}}
{{- if .value -}}{{ .value }}{{- else if $previous -}}{{ $previous }}
{{- else if eq (.generator | default "") "ed25519" -}}
{{- genPrivateKey "ed25519" | replace "-----BEGIN PRIVATE KEY-----" "" | replace "-----END PRIVATE KEY-----" "" | nospace -}}
{{- else -}}{{ randAlphaNum (int .length) }}{{- end -}}
{{- end -}}

{{- define "aragora.postgresHost" -}}
{{ include "aragora.fullname" . }}-postgres
{{- end -}}

{{- define "aragora.redisUrl" -}}
{{- if .Values.redis.external_url -}}{{ .Values.redis.external_url }}{{- else if .Values.redis.enabled -}}redis://{{ include "aragora.fullname" . }}-redis:6379/0{{- end -}}
{{- end -}}

{{- define "aragora.bundledPostgres" -}}
{{- if and .Values.postgresql.enabled (not .Values.postgresql.external_database_url) -}}true{{- end -}}
{{- end -}}

{{/* Environment shared by the server and the migration Job. */}}
{{- define "aragora.envFrom" -}}
- configMapRef:
    name: {{ include "aragora.fullname" . }}-config
- secretRef:
    name: {{ include "aragora.fullname" . }}-generated
{{- if .Values.aragora.secretEnv }}
- secretRef:
    name: {{ include "aragora.fullname" . }}-env
{{- end }}
{{- if .Values.aragora.existingSecret }}
- secretRef:
    name: {{ .Values.aragora.existingSecret }}
{{- end }}
{{- end -}}
