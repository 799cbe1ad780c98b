import Yardstick

await BenchCommand.main(suites: [slugSuite])
