{{/* The chart's name in object names and the app.kubernetes.io/name label (nameOverride replaces it). */}}
{{- define "fut-reindex-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The name of every object of the release: fullnameOverride, else the release name when it already holds the
     chart's name, else <release>-<name>. */}}
{{- define "fut-reindex-operator.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "fut-reindex-operator.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The ServiceAccount the operator runs as: serviceAccount.name, else the full name when the chart creates it,
     else the namespace's "default". */}}
{{- define "fut-reindex-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fut-reindex-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image reference: repository@digest when image.digest is set (it wins over the tag), else repository:tag. */}}
{{- define "fut-reindex-operator.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* Combinations of values that would run but do harm: rendering stops with what to change. */}}
{{- define "fut-reindex-operator.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) -}}
{{- fail (printf "replicaCount is %d but leaderElection.enabled is false: every replica would reconcile every ReindexJob and could submit a FHIR job twice. Set leaderElection.enabled=true, or replicaCount=1." (int .Values.replicaCount)) -}}
{{- end -}}
{{- if and .Values.podDisruptionBudget.enabled (gt (int .Values.replicaCount) 1) (not (kindIs "string" .Values.podDisruptionBudget.minAvailable)) (ge (int .Values.podDisruptionBudget.minAvailable) (int .Values.replicaCount)) -}}
{{- fail (printf "podDisruptionBudget.minAvailable is %d with replicaCount %d: no pod could ever be evicted and node drains would hang. Set podDisruptionBudget.minAvailable below replicaCount." (int .Values.podDisruptionBudget.minAvailable) (int .Values.replicaCount)) -}}
{{- end -}}
{{- end -}}

{{/* Labels that select the operator's pods; they never change after install. */}}
{{- define "fut-reindex-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fut-reindex-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{/* Labels of every object. */}}
{{- define "fut-reindex-operator.labels" -}}
app.kubernetes.io/name: {{ include "fut-reindex-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The operator's RBAC rules, granted cluster-wide or per watched namespace (same as config/rbac). */}}
{{- define "fut-reindex-operator.rules" -}}
- apiGroups: ["fhir.fut.dk"]
  resources: ["reindexjobs"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["fhir.fut.dk"]
  resources: ["reindexjobs/status"]
  verbs: ["patch"]
- apiGroups: ["fhir.fut.dk"]
  resources: ["reindexplans"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["fhir.fut.dk"]
  resources: ["reindexplans/status"]
  verbs: ["patch"]
- apiGroups: ["fhir.fut.dk"]
  resources: ["reindexplans/finalizers"]
  verbs: ["update"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
{{- end -}}
