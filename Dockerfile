# syntax=docker/dockerfile:1
# Aragora on the JVM: a multi-stage build (Maven → JRE 21), run as a non-root user.
#   docker build -t your-registry/aragora:latest .
#   docker run -p 8080:8080 -v aragora-data:/app/data your-registry/aragora:latest
# Checked by dev.aragora.server.deploy.DockerfileTest (HEALTHCHECK path, port, data volume, user).

# --- build: the shaded jar (server/target/aragora.jar) with the project's Maven Wrapper ---
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY core/pom.xml core/pom.xml
COPY server/pom.xml server/pom.xml
COPY bench/pom.xml bench/pom.xml
COPY core/src core/src
COPY server/src server/src
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl server -am package -DskipTests

# --- runtime: JRE only; sqlite3 for the backup command of the deployment guide, curl for HEALTHCHECK ---
FROM eclipse-temurin:21-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl sqlite3 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 aragora \
 && useradd --system --uid 10001 --gid aragora --home-dir /app --shell /usr/sbin/nologin aragora \
 && mkdir -p /app/data \
 && chown -R aragora:aragora /app
WORKDIR /app
COPY --from=build /src/server/target/aragora.jar /app/aragora.jar
# `aragora migrate`, `aragora migrate --verify` (the Kubernetes migration Jobs) and `aragora serve`
RUN printf '#!/bin/sh\nexec java $JAVA_OPTS -jar /app/aragora.jar "$@"\n' > /usr/local/bin/aragora \
 && chmod 0755 /usr/local/bin/aragora

# Container-aware heap: the JVM sizes itself from the cgroup limit, not the host's memory. Given to
# java by the launcher (JAVA_TOOL_OPTIONS would make the JVM print a non-JSON line before the logs).
ENV JAVA_OPTS="-XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0 -XX:InitialRAMPercentage=25.0 -XX:+ExitOnOutOfMemoryError" \
    ARAGORA_DATA_DIR=/app/data \
    ARAGORA_PORT=8080

USER 10001:10001
VOLUME ["/app/data"]
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1

ENTRYPOINT ["aragora"]
CMD ["serve"]
