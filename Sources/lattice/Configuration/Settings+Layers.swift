import LatticeAPI
import LatticeHTTP

/// Hands each layer its part of the settings.
extension Settings {
    var server: ServerConfiguration {
        var server = ServerConfiguration()
        server.host = self.host
        server.port = self.port
        server.workers = self.workers
        server.maxConnections = self.maxConnections
        server.deferAccept = self.deferAccept
        server.limits = HTTPLimits(
            maxTargetLength: self.maxTargetBytes, maxHeaderBytes: self.maxHeaderBytes,
            maxHeaderCount: self.maxHeaderCount, maxBodyBytes: self.maxBodyBytes)
        server.headerTimeout = self.headerTimeout
        server.bodyTimeout = self.bodyTimeout
        server.idleTimeout = self.idleTimeout
        server.writeTimeout = self.writeTimeout
        return server
    }

    var api: APIConfiguration {
        var api = APIConfiguration()
        api.corsOrigins = self.corsOrigins
        api.mcpOrigins = self.mcpOrigins
        api.cacheMaxAge = self.cacheMaxAge
        api.gzipMinimumBytes = self.gzipMinBytes
        api.renderCacheBytes = self.renderCacheBytes
        // A stream may stall for the write timeout anyway; after a reload it may hold the old
        // dataset no longer than that either.
        api.staleStreamLimit = self.writeTimeout
        return api
    }
}
