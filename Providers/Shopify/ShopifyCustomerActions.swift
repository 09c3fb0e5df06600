import PatchbaySDK

/// Customers: listing, finding and adding.
extension ShopifyProvider {
    static let listCustomers = ActionSpec(
        name: "list_customers", title: "List customers",
        description: "List the store's customers, oldest first. To find a particular person use search_customers instead. Follows Shopify's pages until `limit` customers are collected.",
        inputSchema: ShopifyListInputs.schema("customers", [:]),
        outputSchema: ShopifyListInputs.output("customers", items: ShopifyShapes.customer.schema),
        examples: [ActionExample(description: "First customers", input: ["limit": 10])])

    static let searchCustomers = ActionSpec(
        name: "search_customers", title: "Find customers",
        description: "Find customers by email, or by a Shopify search query such as \"last_name:Lovelace\" or free text matched against names and emails. Give email or query (or page_info to continue).",
        inputSchema: ShopifyListInputs.schema("customers", [
            "email": ["type": "string", "minLength": 3, "description": "Exact email address to look up."],
            "query": ["type": "string", "minLength": 1,
                      "description": "Shopify customer search syntax: field:value terms (email, first_name, last_name, phone, state, tag) or free text."],
        ], anyOf: [["required": ["email"]], ["required": ["query"]], ["required": ["page_info"]]]),
        outputSchema: ShopifyListInputs.output("customers", items: ShopifyShapes.customer.schema),
        important: true,
        examples: [ActionExample(description: "Look someone up by email", input: ["email": "bob@example.com"])])

    static let createCustomer = ActionSpec(
        name: "create_customer", title: "Create a customer",
        description: "Add a customer to the store. Shopify refuses an email or phone already used by another customer; the error names the field.",
        inputSchema: [
            "type": "object",
            "required": ["email"],
            "additionalProperties": false,
            "properties": [
                "email": ["type": "string", "minLength": 3, "maxLength": 255, "description": "Email address; must be unique in the store."],
                "first_name": ["type": "string", "minLength": 1, "description": "First name."],
                "last_name": ["type": "string", "minLength": 1, "description": "Last name."],
                "phone": ["type": "string", "pattern": "^\\+[1-9][0-9]{6,14}$",
                          "description": "Phone in E.164 format, e.g. +16135550142; must be unique in the store."],
                "tags": ["type": "string", "description": "Comma-separated tags, e.g. \"vip, newsletter\"."],
                "note": ["type": "string", "description": "Staff note about the customer."],
                "send_email_invite": ["type": "boolean",
                                      "description": "Email the customer an invitation to create an account. Default: false."],
            ],
        ],
        outputSchema: ShopifyShapes.customer.schema,
        important: true, mutating: true,
        examples: [ActionExample(description: "Add a customer",
                                 input: ["email": "ada@example.com", "first_name": "Ada", "last_name": "Lovelace"])])
}
