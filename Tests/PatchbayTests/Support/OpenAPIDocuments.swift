import Foundation
import PatchbayWire

/// OpenAPI documents the import tests read: small ones that each show one thing, and a large
/// synthetic one shaped like a real description.
enum OpenAPIDocuments {
    /// OpenAPI 3.0 as JSON: an API key in a header, a server with a variable, a shared parameter,
    /// a request body and replies by reference, an operation without an id.
    static let petstore30: JSONValue = [
        "openapi": "3.0.3",
        "info": ["title": "Petstore", "version": "1.0.0", "description": "Pets and their owners."],
        "servers": [["url": "https://{region}.pets.example.com/v1/", "variables": ["region": ["default": "eu", "enum": ["eu", "us"]]]]],
        "security": [["petKey": []]],
        "components": [
            "securitySchemes": ["petKey": ["type": "apiKey", "in": "header", "name": "X-Pet-Key"]],
            "parameters": ["Limit": ["name": "limit", "in": "query", "description": "How many pets to list.",
                                     "schema": ["type": "integer", "maximum": 100]]],
            "schemas": [
                "Pet": ["type": "object", "required": ["id", "name"],
                        "properties": ["id": ["type": "integer", "format": "int64"], "name": ["type": "string"],
                                       "tag": ["type": "string", "nullable": true], "owner": ["$ref": "#/components/schemas/Owner"]]],
                "Owner": ["type": "object", "properties": ["name": ["type": "string"]], "example": ["name": "Ada"]],
                "NewPet": ["type": "object", "required": ["name"],
                           "properties": ["name": ["type": "string", "maxLength": 40], "tag": ["type": "string"]]],
            ],
        ],
        "paths": [
            "/pets": [
                "get": ["operationId": "listPets", "tags": ["pets"], "summary": "List pets",
                        "parameters": [["$ref": "#/components/parameters/Limit"]],
                        "responses": ["200": ["description": "The pets.", "content": ["application/json": [
                            "schema": ["type": "array", "items": ["$ref": "#/components/schemas/Pet"]]]]]]],
                "post": ["operationId": "createPet", "tags": ["pets"], "summary": "Create a pet",
                         "parameters": [["name": "X-Request-Id", "in": "header", "schema": ["type": "string"]]],
                         "requestBody": ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/NewPet"]]]],
                         "responses": ["201": ["description": "Created.", "content": ["application/json": [
                            "schema": ["$ref": "#/components/schemas/Pet"]]]]]],
            ],
            "/pets/{petId}": [
                "parameters": [["name": "petId", "in": "path", "required": true, "schema": ["type": "string"]]],
                "get": ["operationId": "showPetById", "tags": ["pets"], "description": "One pet by its id.",
                        "responses": ["200": ["description": "The pet.", "content": ["application/json": [
                                          "schema": ["$ref": "#/components/schemas/Pet"]]]],
                                      "default": ["description": "An error."]]],
                "delete": ["tags": ["admin"], "responses": ["204": ["description": "Gone."]]],
            ],
        ],
    ]

    /// OpenAPI 3.1 as YAML text: bearer auth, a body that is an allOf, a recursive schema, an exploded array.
    static let notes31 = """
    openapi: 3.1.0
    info:
      title: Notes
      version: "2"
    servers:
      - url: https://notes.example.com/api/
    security:
      - token: []
    components:
      securitySchemes:
        token:
          type: http
          scheme: bearer
      schemas:
        Note:
          type: object
          required: [id]
          properties:
            id: {type: string}
            body: {type: [string, "null"]}
            tags: {type: array, items: {type: string}, uniqueItems: true}
        Tree:
          type: object
          properties:
            label: {type: string}
            children:
              type: array
              items: {$ref: '#/components/schemas/Tree'}
    paths:
      /notes:
        post:
          operationId: createNote
          tags: [notes]
          requestBody:
            required: true
            content:
              application/json:
                schema:
                  allOf:
                    - $ref: '#/components/schemas/Note'
                    - type: object
                      properties:
                        pinned: {type: boolean}
          responses:
            '201':
              description: Created.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Note'}
      /notes/{id}/tree:
        get:
          operationId: noteTree
          tags: [trees]
          parameters:
            - {name: id, in: path, required: true, schema: {type: string}}
            - {name: ids, in: query, schema: {type: array, items: {type: string}}}
          responses:
            '200':
              description: The tree.
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Tree'}
    """

    /// `notes31` as JSON.
    static let notes31Object: JSONValue = [
        "openapi": "3.1.0", "info": ["title": "Notes", "version": "2"],
        "servers": [["url": "https://notes.example.com/api/"]], "security": [["token": []]],
        "components": [
            "securitySchemes": ["token": ["type": "http", "scheme": "bearer"]],
            "schemas": [
                "Note": ["type": "object", "required": ["id"],
                         "properties": ["id": ["type": "string"], "body": ["type": ["string", "null"]],
                                        "tags": ["type": "array", "items": ["type": "string"], "uniqueItems": true]]],
                "Tree": ["type": "object", "properties": ["label": ["type": "string"],
                                                          "children": ["type": "array", "items": ["$ref": "#/components/schemas/Tree"]]]],
            ],
        ],
        "paths": [
            "/notes": ["post": [
                "operationId": "createNote", "tags": ["notes"],
                "requestBody": ["required": true, "content": ["application/json": ["schema": ["allOf": [
                    ["$ref": "#/components/schemas/Note"], ["type": "object", "properties": ["pinned": ["type": "boolean"]]]]]]]],
                "responses": ["201": ["description": "Created.", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Note"]]]]],
            ]],
            "/notes/{id}/tree": ["get": [
                "operationId": "noteTree", "tags": ["trees"],
                "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]],
                               ["name": "ids", "in": "query", "schema": ["type": "array", "items": ["type": "string"]]]],
                "responses": ["200": ["description": "The tree.", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Tree"]]]]],
            ]],
        ],
    ]

    /// A document of what connectors cannot send, beside two operations they can with approximations.
    static let awkward: JSONValue = [
        "openapi": "3.0.3",
        "info": ["title": "Awkward", "version": "1"],
        "servers": [["url": "/relative"]],
        "paths": [
            "/upload": ["post": ["operationId": "uploadFile", "requestBody": ["required": true, "content": [
                "multipart/form-data": ["schema": ["type": "object", "properties": ["file": ["type": "string", "format": "binary"]]]]]],
                                 "responses": ["200": ["description": "ok"]]]],
            "/ping": ["head": ["operationId": "headPing", "responses": ["200": ["description": "ok"]]]],
            "/session": ["get": ["operationId": "getSession",
                                 "parameters": [["name": "sid", "in": "cookie", "required": true, "schema": ["type": "string"]]],
                                 "responses": ["200": ["description": "ok"]]]],
            "/search": ["get": ["operationId": "search",
                                "parameters": [["name": "filter", "in": "query", "required": true, "style": "deepObject",
                                                "schema": ["type": "object", "properties": ["q": ["type": "string"]]]]],
                                "responses": ["200": ["description": "ok"]]]],
            "/batch": ["post": ["operationId": "batch", "requestBody": ["required": true, "content": [
                "application/json": ["schema": ["type": "array", "items": ["type": "string"]]]]],
                                "responses": ["200": ["description": "ok"]]]],
            "/items": ["get": ["operationId": "listItems", "responses": ["200": ["description": "ok"]]]],
            "/items-again": ["get": ["operationId": "list-items", "responses": ["200": ["description": "ok"]]]],
            "/items#archived": ["get": ["operationId": "listArchivedItems", "summary": "Archived items.",
                                        "description": "Items no longer shown.\n\nThey are kept for a year.",
                                        "responses": ["200": ["description": "ok"]]]],
            "/notes": ["post": ["operationId": "addNote", "requestBody": ["content": ["text/plain": ["schema": ["type": "string"]]]],
                                "responses": ["200": ["description": "ok", "content": ["text/csv": ["schema": ["type": "string"]]]]]]],
            "/trace": ["get": ["operationId": "trace",
                               "parameters": [["name": "debug", "in": "cookie", "schema": ["type": "string"]]],
                               "responses": ["200": ["description": "ok"]]]],
        ],
    ]

    /// OpenAPI 3.1 that still writes schemas the 3.0 way, as large real descriptions do: boolean
    /// `exclusiveMinimum`/`exclusiveMaximum` beside the bound, `nullable` on a type, on an enum and
    /// on a reference, and a property that is merely called `nullable`.
    static let legacy31: JSONValue = [
        "openapi": "3.1.0",
        "info": ["title": "Legacy", "version": "1"],
        "servers": [["url": "https://legacy.example.com"]],
        "components": ["schemas": [
            "Owner": ["type": "object", "properties": ["name": ["type": "string"]]],
            "Job": ["type": "object", "required": ["id"], "properties": [
                "id": ["type": "string"],
                "temperature": ["type": "number", "minimum": 0, "exclusiveMinimum": true, "maximum": 2, "exclusiveMaximum": true],
                "top_p": ["type": "number", "maximum": 1, "exclusiveMaximum": false],
                "suffix": ["type": "string", "nullable": true],
                "mode": ["type": "string", "enum": ["fast", "slow"], "nullable": true],
                "owner": ["allOf": [["$ref": "#/components/schemas/Owner"]], "nullable": true],
                "nullable": ["type": "boolean"],
            ]],
        ]],
        "paths": [
            "/jobs": ["post": [
                "operationId": "createJob",
                "requestBody": ["required": true, "content": ["application/json": ["schema": [
                    "type": "object", "required": ["n"],
                    "properties": ["n": ["type": "integer", "minimum": 0, "exclusiveMinimum": true],
                                   "note": ["type": "string", "nullable": true]]]]]],
                "responses": ["200": ["description": "The job.", "content": ["application/json": ["schema": ["$ref": "#/components/schemas/Job"]]]]],
            ]],
        ],
    ]

    /// A file service whose uploads go to a host of their own, as Box's do: one operation with
    /// its own server, a path item with one, one on the document's server, and one whose server
    /// has a placeholder no variable declares. `uploads` is the upload server.
    static func uploads(uploads: String) -> JSONValue {
        let ok: JSONValue = ["200": ["description": "ok", "content": ["application/json": ["schema": ["type": "object"]]]]]
        return [
            "openapi": "3.1.0",
            "info": ["title": "Files", "version": "1"],
            "servers": [["url": "https://files.example.invalid/2.0"]],
            "paths": [
                "/files/content": ["post": [
                    "operationId": "uploadFile", "servers": [["url": .string(uploads + "/")]],
                    "parameters": [["name": "name", "in": "query", "required": true, "schema": ["type": "string"]]],
                    "responses": ok]],
                "/files/{id}/content": [
                    "servers": [["url": "https://{region}.upload.example.com/2.0", "variables": ["region": ["default": "eu"]]]],
                    "post": ["operationId": "uploadVersion",
                             "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
                             "responses": ok]],
                "/files/{id}": ["get": [
                    "operationId": "getFile", "servers": [["url": "https://files.example.invalid/2.0/"]],
                    "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "responses": ok]],
                "/folders": ["get": [
                    "operationId": "listFolders", "servers": [["url": "https://{tenant}.files.example.invalid"]], "responses": ok]],
            ],
        ]
    }

    /// A description shaped like a large real one: `resources` resources of four operations each
    /// (list, create, get, delete), the first `uploads` of them with a multipart upload as well;
    /// each resource's schema reaches a chain of `depth` schemas by reference whose last refers
    /// back to the first (a cycle through every link).
    static func large(resources: Int, uploads: Int, depth: Int) -> JSONValue {
        var schemas: [String: JSONValue] = [:]
        for level in 0..<depth {
            schemas["Level\(level)"] = ["type": "object", "description": .string("Link \(level) of the chain."),
                                        "properties": ["name": ["type": "string"],
                                                       "next": ["$ref": .string("#/components/schemas/Level\((level + 1) % depth)")]]]
        }
        schemas["Error"] = ["type": "object", "properties": ["message": ["type": "string"]]]
        var paths: [String: JSONValue] = [:]
        for index in 0..<resources {
            let schema = "Resource\(index)"
            schemas[schema] = ["type": "object", "required": ["id"],
                               "properties": ["id": ["type": "string"], "title": ["type": "string", "maxLength": 200],
                                              "chain": ["$ref": "#/components/schemas/Level0"],
                                              "labels": ["type": "array", "items": ["type": "string"]]]]
            let reference: JSONValue = ["$ref": .string("#/components/schemas/\(schema)")]
            let json = { (schema: JSONValue) -> JSONValue in ["application/json": ["schema": schema]] }
            let error: JSONValue = ["description": "An error.", "content": json(["$ref": "#/components/schemas/Error"])]
            paths["/r\(index)"] = [
                "get": ["operationId": .string("listResource\(index)"), "tags": .array([.string("group\(index % 10)")]),
                        "parameters": [["name": "cursor", "in": "query", "schema": ["type": "string"]]],
                        "responses": ["200": ["description": "A page.", "content": json(["type": "array", "items": reference])],
                                      "default": error]],
                "post": ["operationId": .string("createResource\(index)"), "tags": .array([.string("group\(index % 10)")]),
                         "requestBody": ["required": true, "content": json(reference)],
                         "responses": ["201": ["description": "Created.", "content": json(reference)], "default": error]],
            ]
            paths["/r\(index)/{id}"] = [
                "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
                "get": ["operationId": .string("getResource\(index)"), "tags": .array([.string("group\(index % 10)")]),
                        "responses": ["200": ["description": "One.", "content": json(reference)], "default": error]],
                "delete": ["operationId": .string("deleteResource\(index)"), "tags": .array([.string("group\(index % 10)")]),
                           "responses": ["204": ["description": "Gone."], "default": error]],
            ]
            if index < uploads {
                paths["/r\(index)/{id}/upload"] = ["post": [
                    "operationId": .string("uploadResource\(index)"),
                    "parameters": [["name": "id", "in": "path", "required": true, "schema": ["type": "string"]]],
                    "requestBody": ["required": true, "content": ["multipart/form-data": ["schema": ["type": "object"]]]],
                    "responses": ["204": ["description": "Stored."]],
                ]]
            }
        }
        return ["openapi": "3.0.3", "info": ["title": "Large", "version": "1"], "servers": [["url": "https://large.example.com"]],
                "components": ["schemas": .object(schemas), "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
                "security": [["bearer": []]], "paths": .object(paths)]
    }

    /// The loopback task tracker (`FakeTasks`) described in OpenAPI 3.0 YAML, served at `base`;
    /// both replies are one YAML anchor.
    static func tasks(base: String) -> String {
        """
        openapi: 3.0.3
        info:
          title: Tasks
          version: "1"
          description: The team's task tracker.
        servers:
          - url: \(base)
        security:
          - key: []
        components:
          securitySchemes:
            key:
              type: apiKey
              in: header
              name: X-Api-Key
          schemas:
            Task:
              type: object
              required: [id, title]
              properties:
                id: {type: string}
                title: {type: string}
                status: {type: string}
                priority: {type: integer}
                project: {type: string}
                request_id: {type: string}
        paths:
          /projects/{project}/tasks/{id}:
            parameters:
              - {name: project, in: path, required: true, schema: {type: string}}
              - {name: id, in: path, required: true, schema: {type: string}}
            get:
              operationId: getTask
              summary: One task by id.
              responses:
                '200': &taskReply
                  description: The task.
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          task: {$ref: '#/components/schemas/Task'}
          /projects/{project}/tasks:
            parameters:
              - {name: project, in: path, required: true, schema: {type: string}}
            post:
              operationId: createTask
              summary: File a new task.
              parameters:
                - {name: X-Request-Id, in: header, schema: {type: string}}
              requestBody:
                required: true
                content:
                  application/json:
                    schema:
                      type: object
                      required: [title]
                      properties:
                        title: {type: string}
                        priority: {type: integer}
              responses:
                '201': *taskReply
        """
    }
}
