// The Shopify provider is being written.
