import ArgumentParser
import LatticeAPI
import Logging

extension ServeCommand {
    /// The API layer's configuration with the explorer's files loaded (when the explorer
    /// setting names a folder). A folder that cannot be served stops startup (exit 1), as
    /// broken seeds do: an operator who configured an explorer should not silently lose it.
    static func apiConfiguration(_ configuration: Settings, logger: Logger) throws -> APIConfiguration {
        var api = configuration.api
        let folder = configuration.explorer
        guard !folder.isEmpty else { return api }
        do throws(ExplorerError) {
            let assets = try ExplorerAssets.load(from: folder)
            api.explorer = assets
            logger.info("explorer loaded", metadata: [
                "folder": .string(folder), "files": .stringConvertible(assets.paths.count),
                "bytes": .stringConvertible(assets.totalBytes),
            ])
        } catch {
            logger.critical("cannot serve the explorer: \(error)", metadata: ["explorer": .string(folder)])
            throw ExitCode(1)
        }
        return api
    }
}
