/// A thrown error as people read it: its description, or its type when that says nothing.
func describe(_ error: any Error) -> String {
    let text = String(describing: error)
    return text.isEmpty ? String(reflecting: type(of: error)) : text
}
