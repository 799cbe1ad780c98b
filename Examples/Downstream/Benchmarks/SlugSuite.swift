import Slug
import Yardstick

let titles = [
    "Hello, World!",
    "Benchmarks that gate releases must print true numbers",
    "  Leading and trailing   spaces  ",
    "Ünïcödé is dropped, digits 2026 are kept",
]

let slugSuite = Suite("slug", configuration: .init(iterations: 10_000)) {
    Benchmark("short") { _ in slug(opaque("Hello, World!")) }
    Benchmark("mixed") { index in slug(titles[index % titles.count]) }
}
