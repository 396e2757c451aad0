# Lattice: a release build with the Swift standard library linked statically, on a slim
# runtime image, as a non-root user. Base images are build arguments so CI can use local
# ones (scripts/container-test.sh); the defaults are the upstream images.
ARG BUILDER_IMAGE=swift:6.3-noble
ARG RUNTIME_IMAGE=ubuntu:noble

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --static-swift-stdlib --product lattice \
    && install -m 0755 "$(swift build -c release --show-bin-path)/lattice" /usr/local/bin/lattice

FROM ${RUNTIME_IMAGE}
# The binary needs only libc, libstdc++, libgcc_s and zlib, which every Debian/Ubuntu base has.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin lattice
WORKDIR /app
COPY --from=build /usr/local/bin/lattice /usr/local/bin/lattice
COPY Config ./Config
COPY seeds ./seeds
COPY explorer ./explorer
USER 10001
# Inside a container the server must listen on every interface.
ENV LATTICE_HOST=0.0.0.0 \
    LATTICE_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 CMD ["lattice", "healthcheck"]
# The server handles SIGTERM itself (it is PID 1 here): readyz turns 503, requests drain.
STOPSIGNAL SIGTERM
ENTRYPOINT ["lattice"]
CMD ["serve"]
