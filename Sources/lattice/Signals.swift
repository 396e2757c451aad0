import Dispatch
import Glibc

/// Signal handling with Dispatch signal sources. The default action of a handled signal is
/// turned off so the process is not killed before the source sees it — which also makes
/// SIGTERM work when the server is PID 1 in a container (the kernel applies no default
/// action to PID 1).
final class Signals: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let queue = DispatchQueue(label: "lattice.signals")

    func on(_ signals: [Int32], _ handler: @escaping @Sendable (Int32) -> Void) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(number) }
            source.resume()
            sources.append(source)
        }
    }

    static func name(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
