import LatticeAPI
import LatticeHTTP
import Logging

/// Hands each layer its part of the configuration.
extension ServiceConfiguration {
    var server: ServerConfiguration {
        var server = ServerConfiguration()
        server.host = string("host")
        server.port = integer("port")
        server.workers = integer("workers")
        server.maxConnections = integer("max_connections")
        server.deferAccept = bool("defer_accept")
        server.limits = HTTPLimits(
            maxTargetLength: integer("max_target_bytes"), maxHeaderBytes: integer("max_header_bytes"),
            maxHeaderCount: integer("max_header_count"), maxBodyBytes: integer("max_body_bytes"))
        server.headerTimeout = seconds("header_timeout")
        server.bodyTimeout = seconds("body_timeout")
        server.idleTimeout = seconds("idle_timeout")
        server.writeTimeout = seconds("write_timeout")
        return server
    }

    var api: APIConfiguration {
        var api = APIConfiguration()
        api.corsOrigins = strings("cors_origins")
        api.cacheMaxAge = integer("cache_max_age")
        api.gzipMinimumBytes = integer("gzip_min_bytes")
        return api
    }

    var logLevel: Logger.Level { Logger.Level(rawValue: string("log_level")) ?? .info }
}
