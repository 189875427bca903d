# syntax=docker/dockerfile:1
# The operator image: docker build -t fut-reindex-operator:0.1.0 .
# (docker buildx build --platform linux/amd64,linux/arm64 builds both; the SDK stage runs natively and
# cross-compiles.) Without Docker: dotnet publish src/FutReindexOperator -c Release -r linux-x64 -t:PublishContainer

# The base images are build arguments, so that a mirror or a locally built base can stand in for Microsoft's registry
# (the packaging tests build this Dockerfile with buildah on a debootstrap base: docs/image.md).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM --platform=$BUILDPLATFORM ${SDK_IMAGE} AS build
ARG TARGETARCH
WORKDIR /src

# Restore from the project files alone, so that the restore layer is reused while only sources change.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/FutReindexOperator/FutReindexOperator.csproj src/FutReindexOperator/
COPY src/FutReindexOperator.Runtime/FutReindexOperator.Runtime.csproj src/FutReindexOperator.Runtime/
RUN rid="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet restore src/FutReindexOperator/FutReindexOperator.csproj -r "$rid" -p:PublishReadyToRun=true

COPY src/FutReindexOperator/ src/FutReindexOperator/
COPY src/FutReindexOperator.Runtime/ src/FutReindexOperator.Runtime/
# ReadyToRun: the operator loads Hl7.Fhir.R4 and KubernetesClient at start (about 570 ms to ready when JIT-compiled,
# measured); precompiled code spares most of that JIT work. Framework-dependent: the runtime is the base image's.
RUN rid="linux-$([ "$TARGETARCH" = arm64 ] && echo arm64 || echo x64)" \
 && dotnet publish src/FutReindexOperator/FutReindexOperator.csproj --no-restore -c Release -r "$rid" \
      --self-contained false -p:PublishReadyToRun=true -o /app

FROM ${RUNTIME_IMAGE}
WORKDIR /app
# Owned by root and not writable by the user the operator runs as; the root filesystem can be read-only
# (mount an emptyDir at /tmp for .NET's diagnostic port and temporary files).
COPY --from=build /app ./
ENV DOTNET_gcServer=0 \
    TMPDIR=/tmp
# The image's "app" user, numeric so that runAsNonRoot can verify it.
USER 1654
EXPOSE 8080
ENTRYPOINT ["dotnet", "FutReindexOperator.dll"]
