/// The bodies of the console's two plain HTML forms; everything else goes through the API.
struct SignInForm: Decodable {
    var key: String
    var nonce: String
}

struct SignOutForm: Decodable {
    var csrf: String
}
