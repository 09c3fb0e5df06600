""" Contains all the data models used in inputs/outputs """

from .agent import Agent
from .agent_variables import AgentVariables
from .agent_version import AgentVersion
from .agent_version_detail import AgentVersionDetail
from .api_key import APIKey
from .api_key_created import APIKeyCreated
from .api_key_created_scopes_item import APIKeyCreatedScopesItem
from .api_key_scopes_item import APIKeyScopesItem
from .audit_entry import AuditEntry
from .authorization import Authorization
from .authorization_config import AuthorizationConfig
from .authorization_status import AuthorizationStatus
from .auto_map_proposal import AutoMapProposal
from .auto_map_proposal_alternatives_item import AutoMapProposalAlternativesItem
from .auto_map_proposal_suggested_presets_item import AutoMapProposalSuggestedPresetsItem
from .catalog_entry import CatalogEntry
from .catalog_entry_detail import CatalogEntryDetail
from .catalog_entry_detail_actions_item import CatalogEntryDetailActionsItem
from .catalog_entry_detail_credential_fields_item import CatalogEntryDetailCredentialFieldsItem
from .catalog_entry_detail_status import CatalogEntryDetailStatus
from .catalog_entry_status import CatalogEntryStatus
from .connection import Connection
from .connection_auth import ConnectionAuth
from .connection_auth_status import ConnectionAuthStatus
from .connection_config import ConnectionConfig
from .connection_status import ConnectionStatus
from .connector import Connector
from .connector_definition import ConnectorDefinition
from .delete_v1_agents_id_mcp_response_400_type_1 import DeleteV1AgentsIdMcpResponse400Type1
from .delete_v1_agents_id_mcp_response_400_type_1_error import DeleteV1AgentsIdMcpResponse400Type1Error
from .delete_v1_agents_id_mcp_response_400_type_1_params import DeleteV1AgentsIdMcpResponse400Type1Params
from .delete_v1_agents_id_mcp_response_401_type_1 import DeleteV1AgentsIdMcpResponse401Type1
from .delete_v1_agents_id_mcp_response_401_type_1_error import DeleteV1AgentsIdMcpResponse401Type1Error
from .delete_v1_agents_id_mcp_response_401_type_1_params import DeleteV1AgentsIdMcpResponse401Type1Params
from .delete_v1_agents_id_mcp_response_403_type_1 import DeleteV1AgentsIdMcpResponse403Type1
from .delete_v1_agents_id_mcp_response_403_type_1_error import DeleteV1AgentsIdMcpResponse403Type1Error
from .delete_v1_agents_id_mcp_response_403_type_1_params import DeleteV1AgentsIdMcpResponse403Type1Params
from .delete_v1_agents_id_mcp_response_404_type_1 import DeleteV1AgentsIdMcpResponse404Type1
from .delete_v1_agents_id_mcp_response_404_type_1_error import DeleteV1AgentsIdMcpResponse404Type1Error
from .delete_v1_agents_id_mcp_response_404_type_1_params import DeleteV1AgentsIdMcpResponse404Type1Params
from .delete_v1_agents_id_mcp_response_405_type_1 import DeleteV1AgentsIdMcpResponse405Type1
from .delete_v1_agents_id_mcp_response_405_type_1_error import DeleteV1AgentsIdMcpResponse405Type1Error
from .delete_v1_agents_id_mcp_response_405_type_1_params import DeleteV1AgentsIdMcpResponse405Type1Params
from .delete_v1_agents_id_mcp_response_406_type_1 import DeleteV1AgentsIdMcpResponse406Type1
from .delete_v1_agents_id_mcp_response_406_type_1_error import DeleteV1AgentsIdMcpResponse406Type1Error
from .delete_v1_agents_id_mcp_response_406_type_1_params import DeleteV1AgentsIdMcpResponse406Type1Params
from .delete_v1_agents_id_mcp_response_409_type_1 import DeleteV1AgentsIdMcpResponse409Type1
from .delete_v1_agents_id_mcp_response_409_type_1_error import DeleteV1AgentsIdMcpResponse409Type1Error
from .delete_v1_agents_id_mcp_response_409_type_1_params import DeleteV1AgentsIdMcpResponse409Type1Params
from .delete_v1_agents_id_mcp_response_415_type_1 import DeleteV1AgentsIdMcpResponse415Type1
from .delete_v1_agents_id_mcp_response_415_type_1_error import DeleteV1AgentsIdMcpResponse415Type1Error
from .delete_v1_agents_id_mcp_response_415_type_1_params import DeleteV1AgentsIdMcpResponse415Type1Params
from .delete_v1_agents_id_mcp_response_429_type_1 import DeleteV1AgentsIdMcpResponse429Type1
from .delete_v1_agents_id_mcp_response_429_type_1_error import DeleteV1AgentsIdMcpResponse429Type1Error
from .delete_v1_agents_id_mcp_response_429_type_1_params import DeleteV1AgentsIdMcpResponse429Type1Params
from .delete_v1_agents_id_mcp_response_503_type_1 import DeleteV1AgentsIdMcpResponse503Type1
from .delete_v1_agents_id_mcp_response_503_type_1_error import DeleteV1AgentsIdMcpResponse503Type1Error
from .delete_v1_agents_id_mcp_response_503_type_1_params import DeleteV1AgentsIdMcpResponse503Type1Params
from .delete_v1_agents_id_provision_provider_response_200 import DeleteV1AgentsIdProvisionProviderResponse200
from .delete_v1_agents_id_response_200 import DeleteV1AgentsIdResponse200
from .delete_v1_agents_id_skills_name_response_200 import DeleteV1AgentsIdSkillsNameResponse200
from .delete_v1_mcp_connections_id_response_200 import DeleteV1McpConnectionsIdResponse200
from .delete_v1_mcp_connections_id_response_200_auth import DeleteV1McpConnectionsIdResponse200Auth
from .delete_v1_mcp_connections_id_response_200_tools_item import DeleteV1McpConnectionsIdResponse200ToolsItem
from .delete_v1_oauth_apps_provider_response_200 import DeleteV1OauthAppsProviderResponse200
from .delete_v1_webhooks_subscriptions_id_response_200 import DeleteV1WebhooksSubscriptionsIdResponse200
from .discovered_schema import DiscoveredSchema
from .discovered_schema_objects_item import DiscoveredSchemaObjectsItem
from .discovered_schema_operations_item import DiscoveredSchemaOperationsItem
from .discovered_schema_relationships_item import DiscoveredSchemaRelationshipsItem
from .error import Error
from .error_code import ErrorCode
from .error_error import ErrorError
from .execution import Execution
from .execution_error_type_0 import ExecutionErrorType0
from .execution_requests_item import ExecutionRequestsItem
from .execution_status import ExecutionStatus
from .execution_trigger import ExecutionTrigger
from .get_healthz_response_200 import GetHealthzResponse200
from .get_openapi_json_response_200 import GetOpenapiJsonResponse200
from .get_readyz_response_200 import GetReadyzResponse200
from .get_readyz_response_200_checks import GetReadyzResponse200Checks
from .get_readyz_response_200_checks_additional_property import GetReadyzResponse200ChecksAdditionalProperty
from .get_readyz_response_200_checks_additional_property_status import GetReadyzResponse200ChecksAdditionalPropertyStatus
from .get_readyz_response_200_status import GetReadyzResponse200Status
from .get_readyz_response_503 import GetReadyzResponse503
from .get_readyz_response_503_checks import GetReadyzResponse503Checks
from .get_readyz_response_503_checks_additional_property import GetReadyzResponse503ChecksAdditionalProperty
from .get_readyz_response_503_checks_additional_property_status import GetReadyzResponse503ChecksAdditionalPropertyStatus
from .get_readyz_response_503_status import GetReadyzResponse503Status
from .get_v1_agents_id_events_response_200 import GetV1AgentsIdEventsResponse200
from .get_v1_agents_id_mcp_response_200 import GetV1AgentsIdMcpResponse200
from .get_v1_agents_id_mcp_response_200_error import GetV1AgentsIdMcpResponse200Error
from .get_v1_agents_id_mcp_response_200_params import GetV1AgentsIdMcpResponse200Params
from .get_v1_agents_id_mcp_response_400_type_1 import GetV1AgentsIdMcpResponse400Type1
from .get_v1_agents_id_mcp_response_400_type_1_error import GetV1AgentsIdMcpResponse400Type1Error
from .get_v1_agents_id_mcp_response_400_type_1_params import GetV1AgentsIdMcpResponse400Type1Params
from .get_v1_agents_id_mcp_response_401_type_1 import GetV1AgentsIdMcpResponse401Type1
from .get_v1_agents_id_mcp_response_401_type_1_error import GetV1AgentsIdMcpResponse401Type1Error
from .get_v1_agents_id_mcp_response_401_type_1_params import GetV1AgentsIdMcpResponse401Type1Params
from .get_v1_agents_id_mcp_response_403_type_1 import GetV1AgentsIdMcpResponse403Type1
from .get_v1_agents_id_mcp_response_403_type_1_error import GetV1AgentsIdMcpResponse403Type1Error
from .get_v1_agents_id_mcp_response_403_type_1_params import GetV1AgentsIdMcpResponse403Type1Params
from .get_v1_agents_id_mcp_response_404_type_1 import GetV1AgentsIdMcpResponse404Type1
from .get_v1_agents_id_mcp_response_404_type_1_error import GetV1AgentsIdMcpResponse404Type1Error
from .get_v1_agents_id_mcp_response_404_type_1_params import GetV1AgentsIdMcpResponse404Type1Params
from .get_v1_agents_id_mcp_response_405_type_1 import GetV1AgentsIdMcpResponse405Type1
from .get_v1_agents_id_mcp_response_405_type_1_error import GetV1AgentsIdMcpResponse405Type1Error
from .get_v1_agents_id_mcp_response_405_type_1_params import GetV1AgentsIdMcpResponse405Type1Params
from .get_v1_agents_id_mcp_response_406_type_1 import GetV1AgentsIdMcpResponse406Type1
from .get_v1_agents_id_mcp_response_406_type_1_error import GetV1AgentsIdMcpResponse406Type1Error
from .get_v1_agents_id_mcp_response_406_type_1_params import GetV1AgentsIdMcpResponse406Type1Params
from .get_v1_agents_id_mcp_response_409_type_1 import GetV1AgentsIdMcpResponse409Type1
from .get_v1_agents_id_mcp_response_409_type_1_error import GetV1AgentsIdMcpResponse409Type1Error
from .get_v1_agents_id_mcp_response_409_type_1_params import GetV1AgentsIdMcpResponse409Type1Params
from .get_v1_agents_id_mcp_response_415_type_1 import GetV1AgentsIdMcpResponse415Type1
from .get_v1_agents_id_mcp_response_415_type_1_error import GetV1AgentsIdMcpResponse415Type1Error
from .get_v1_agents_id_mcp_response_415_type_1_params import GetV1AgentsIdMcpResponse415Type1Params
from .get_v1_agents_id_mcp_response_429_type_1 import GetV1AgentsIdMcpResponse429Type1
from .get_v1_agents_id_mcp_response_429_type_1_error import GetV1AgentsIdMcpResponse429Type1Error
from .get_v1_agents_id_mcp_response_429_type_1_params import GetV1AgentsIdMcpResponse429Type1Params
from .get_v1_agents_id_mcp_response_503_type_1 import GetV1AgentsIdMcpResponse503Type1
from .get_v1_agents_id_mcp_response_503_type_1_error import GetV1AgentsIdMcpResponse503Type1Error
from .get_v1_agents_id_mcp_response_503_type_1_params import GetV1AgentsIdMcpResponse503Type1Params
from .get_v1_agents_id_skills_response_200 import GetV1AgentsIdSkillsResponse200
from .get_v1_agents_id_tools_format import GetV1AgentsIdToolsFormat
from .get_v1_agents_id_tools_response_200 import GetV1AgentsIdToolsResponse200
from .get_v1_agents_id_tools_response_200_format import GetV1AgentsIdToolsResponse200Format
from .get_v1_agents_id_tools_response_200_tools_item import GetV1AgentsIdToolsResponse200ToolsItem
from .get_v1_agents_id_versions_response_200 import GetV1AgentsIdVersionsResponse200
from .get_v1_agents_response_200 import GetV1AgentsResponse200
from .get_v1_api_keys_response_200 import GetV1ApiKeysResponse200
from .get_v1_audit_response_200 import GetV1AuditResponse200
from .get_v1_catalog_provider_packs_response_200 import GetV1CatalogProviderPacksResponse200
from .get_v1_catalog_response_200 import GetV1CatalogResponse200
from .get_v1_catalog_response_200_counts import GetV1CatalogResponse200Counts
from .get_v1_catalog_status import GetV1CatalogStatus
from .get_v1_connections_id_schema_objects_object_response_200 import GetV1ConnectionsIdSchemaObjectsObjectResponse200
from .get_v1_connections_id_schema_objects_object_response_200_operations_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem
from .get_v1_connections_id_schema_objects_object_response_200_relationships_item import GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem
from .get_v1_connections_id_schema_objects_response_200 import GetV1ConnectionsIdSchemaObjectsResponse200
from .get_v1_connections_id_schema_objects_response_200_data_item import GetV1ConnectionsIdSchemaObjectsResponse200DataItem
from .get_v1_connections_id_schema_operations_response_200 import GetV1ConnectionsIdSchemaOperationsResponse200
from .get_v1_connections_id_schema_operations_response_200_data_item import GetV1ConnectionsIdSchemaOperationsResponse200DataItem
from .get_v1_connections_response_200 import GetV1ConnectionsResponse200
from .get_v1_connections_status import GetV1ConnectionsStatus
from .get_v1_connectors_response_200 import GetV1ConnectorsResponse200
from .get_v1_executions_response_200 import GetV1ExecutionsResponse200
from .get_v1_executions_status import GetV1ExecutionsStatus
from .get_v1_executions_trigger import GetV1ExecutionsTrigger
from .get_v1_mcp_connections_id_response_200 import GetV1McpConnectionsIdResponse200
from .get_v1_mcp_connections_id_response_200_auth import GetV1McpConnectionsIdResponse200Auth
from .get_v1_mcp_connections_id_response_200_tools_item import GetV1McpConnectionsIdResponse200ToolsItem
from .get_v1_mcp_connections_response_200 import GetV1McpConnectionsResponse200
from .get_v1_mcp_connections_response_200_data_item import GetV1McpConnectionsResponse200DataItem
from .get_v1_mcp_connections_response_200_data_item_auth import GetV1McpConnectionsResponse200DataItemAuth
from .get_v1_mcp_connections_response_200_data_item_tools_item import GetV1McpConnectionsResponse200DataItemToolsItem
from .get_v1_oauth_apps_response_200 import GetV1OauthAppsResponse200
from .get_v1_plugins_response_200 import GetV1PluginsResponse200
from .get_v1_plugins_response_200_data_item import GetV1PluginsResponse200DataItem
from .get_v1_plugins_response_200_data_item_isolation import GetV1PluginsResponse200DataItemIsolation
from .get_v1_plugins_response_200_data_item_status import GetV1PluginsResponse200DataItemStatus
from .get_v1_webhooks_deliveries_response_200 import GetV1WebhooksDeliveriesResponse200
from .get_v1_webhooks_deliveries_status import GetV1WebhooksDeliveriesStatus
from .get_v1_webhooks_endpoints_response_200 import GetV1WebhooksEndpointsResponse200
from .get_v1_webhooks_events_response_200 import GetV1WebhooksEventsResponse200
from .get_v1_webhooks_subscriptions_response_200 import GetV1WebhooksSubscriptionsResponse200
from .o_auth_app import OAuthApp
from .pack import Pack
from .pack_skills_item import PackSkillsItem
from .pack_skills_item_presets import PackSkillsItemPresets
from .patch_v1_agents_id_body import PatchV1AgentsIdBody
from .patch_v1_agents_id_body_variables import PatchV1AgentsIdBodyVariables
from .patch_v1_agents_id_skills_name_body import PatchV1AgentsIdSkillsNameBody
from .patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets
from .patch_v1_api_keys_id_body import PatchV1ApiKeysIdBody
from .patch_v1_connections_id_body import PatchV1ConnectionsIdBody
from .patch_v1_connections_id_body_config import PatchV1ConnectionsIdBodyConfig
from .patch_v1_connections_id_body_credentials import PatchV1ConnectionsIdBodyCredentials
from .post_hooks_provider_id_response_200 import PostHooksProviderIdResponse200
from .post_v1_agents_body import PostV1AgentsBody
from .post_v1_agents_body_variables import PostV1AgentsBodyVariables
from .post_v1_agents_id_bindings_auto_map_body import PostV1AgentsIdBindingsAutoMapBody
from .post_v1_agents_id_bindings_body import PostV1AgentsIdBindingsBody
from .post_v1_agents_id_bindings_body_kind import PostV1AgentsIdBindingsBodyKind
from .post_v1_agents_id_bindings_body_presets import PostV1AgentsIdBindingsBodyPresets
from .post_v1_agents_id_mcp_body import PostV1AgentsIdMcpBody
from .post_v1_agents_id_mcp_body_error import PostV1AgentsIdMcpBodyError
from .post_v1_agents_id_mcp_body_params import PostV1AgentsIdMcpBodyParams
from .post_v1_agents_id_mcp_response_200 import PostV1AgentsIdMcpResponse200
from .post_v1_agents_id_mcp_response_200_error import PostV1AgentsIdMcpResponse200Error
from .post_v1_agents_id_mcp_response_200_params import PostV1AgentsIdMcpResponse200Params
from .post_v1_agents_id_mcp_response_400_type_1 import PostV1AgentsIdMcpResponse400Type1
from .post_v1_agents_id_mcp_response_400_type_1_error import PostV1AgentsIdMcpResponse400Type1Error
from .post_v1_agents_id_mcp_response_400_type_1_params import PostV1AgentsIdMcpResponse400Type1Params
from .post_v1_agents_id_mcp_response_401_type_1 import PostV1AgentsIdMcpResponse401Type1
from .post_v1_agents_id_mcp_response_401_type_1_error import PostV1AgentsIdMcpResponse401Type1Error
from .post_v1_agents_id_mcp_response_401_type_1_params import PostV1AgentsIdMcpResponse401Type1Params
from .post_v1_agents_id_mcp_response_403_type_1 import PostV1AgentsIdMcpResponse403Type1
from .post_v1_agents_id_mcp_response_403_type_1_error import PostV1AgentsIdMcpResponse403Type1Error
from .post_v1_agents_id_mcp_response_403_type_1_params import PostV1AgentsIdMcpResponse403Type1Params
from .post_v1_agents_id_mcp_response_404_type_1 import PostV1AgentsIdMcpResponse404Type1
from .post_v1_agents_id_mcp_response_404_type_1_error import PostV1AgentsIdMcpResponse404Type1Error
from .post_v1_agents_id_mcp_response_404_type_1_params import PostV1AgentsIdMcpResponse404Type1Params
from .post_v1_agents_id_mcp_response_405_type_1 import PostV1AgentsIdMcpResponse405Type1
from .post_v1_agents_id_mcp_response_405_type_1_error import PostV1AgentsIdMcpResponse405Type1Error
from .post_v1_agents_id_mcp_response_405_type_1_params import PostV1AgentsIdMcpResponse405Type1Params
from .post_v1_agents_id_mcp_response_406_type_1 import PostV1AgentsIdMcpResponse406Type1
from .post_v1_agents_id_mcp_response_406_type_1_error import PostV1AgentsIdMcpResponse406Type1Error
from .post_v1_agents_id_mcp_response_406_type_1_params import PostV1AgentsIdMcpResponse406Type1Params
from .post_v1_agents_id_mcp_response_409_type_1 import PostV1AgentsIdMcpResponse409Type1
from .post_v1_agents_id_mcp_response_409_type_1_error import PostV1AgentsIdMcpResponse409Type1Error
from .post_v1_agents_id_mcp_response_409_type_1_params import PostV1AgentsIdMcpResponse409Type1Params
from .post_v1_agents_id_mcp_response_413_type_1 import PostV1AgentsIdMcpResponse413Type1
from .post_v1_agents_id_mcp_response_413_type_1_error import PostV1AgentsIdMcpResponse413Type1Error
from .post_v1_agents_id_mcp_response_413_type_1_params import PostV1AgentsIdMcpResponse413Type1Params
from .post_v1_agents_id_mcp_response_415_type_1 import PostV1AgentsIdMcpResponse415Type1
from .post_v1_agents_id_mcp_response_415_type_1_error import PostV1AgentsIdMcpResponse415Type1Error
from .post_v1_agents_id_mcp_response_415_type_1_params import PostV1AgentsIdMcpResponse415Type1Params
from .post_v1_agents_id_mcp_response_429_type_1 import PostV1AgentsIdMcpResponse429Type1
from .post_v1_agents_id_mcp_response_429_type_1_error import PostV1AgentsIdMcpResponse429Type1Error
from .post_v1_agents_id_mcp_response_429_type_1_params import PostV1AgentsIdMcpResponse429Type1Params
from .post_v1_agents_id_mcp_response_503_type_1 import PostV1AgentsIdMcpResponse503Type1
from .post_v1_agents_id_mcp_response_503_type_1_error import PostV1AgentsIdMcpResponse503Type1Error
from .post_v1_agents_id_mcp_response_503_type_1_params import PostV1AgentsIdMcpResponse503Type1Params
from .post_v1_agents_id_packs_body import PostV1AgentsIdPacksBody
from .post_v1_agents_id_packs_response_201 import PostV1AgentsIdPacksResponse201
from .post_v1_agents_id_provision_body import PostV1AgentsIdProvisionBody
from .post_v1_agents_id_provision_response_201 import PostV1AgentsIdProvisionResponse201
from .post_v1_agents_id_publish_body import PostV1AgentsIdPublishBody
from .post_v1_agents_id_rollback_body import PostV1AgentsIdRollbackBody
from .post_v1_agents_id_skills_body import PostV1AgentsIdSkillsBody
from .post_v1_agents_id_skills_body_input_schema import PostV1AgentsIdSkillsBodyInputSchema
from .post_v1_agents_id_skills_body_output_schema import PostV1AgentsIdSkillsBodyOutputSchema
from .post_v1_agents_id_skills_body_presets import PostV1AgentsIdSkillsBodyPresets
from .post_v1_agents_id_skills_body_type import PostV1AgentsIdSkillsBodyType
from .post_v1_agents_id_skills_name_invoke_body import PostV1AgentsIdSkillsNameInvokeBody
from .post_v1_agents_id_skills_name_invoke_body_input import PostV1AgentsIdSkillsNameInvokeBodyInput
from .post_v1_api_keys_body import PostV1ApiKeysBody
from .post_v1_api_keys_body_scopes_item import PostV1ApiKeysBodyScopesItem
from .post_v1_connections_body import PostV1ConnectionsBody
from .post_v1_connections_body_config import PostV1ConnectionsBodyConfig
from .post_v1_connections_body_credentials import PostV1ConnectionsBodyCredentials
from .post_v1_connections_id_actions_action_invoke_body import PostV1ConnectionsIdActionsActionInvokeBody
from .post_v1_connections_id_actions_action_invoke_body_input import PostV1ConnectionsIdActionsActionInvokeBodyInput
from .post_v1_connections_id_authorize_body import PostV1ConnectionsIdAuthorizeBody
from .post_v1_connections_id_test_response_200 import PostV1ConnectionsIdTestResponse200
from .post_v1_connectors_body import PostV1ConnectorsBody
from .post_v1_connectors_body_auth import PostV1ConnectorsBodyAuth
from .post_v1_connectors_body_headers import PostV1ConnectorsBodyHeaders
from .post_v1_connectors_body_operations_item import PostV1ConnectorsBodyOperationsItem
from .post_v1_connectors_body_packs_item import PostV1ConnectorsBodyPacksItem
from .post_v1_connectors_namespace_name_import_openapi_body import PostV1ConnectorsNamespaceNameImportOpenapiBody
from .post_v1_connectors_namespace_name_import_openapi_body_document_type_0 import PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0
from .post_v1_connectors_namespace_name_import_openapi_body_filter import PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter
from .post_v1_connectors_namespace_name_import_openapi_response_200 import PostV1ConnectorsNamespaceNameImportOpenapiResponse200
from .post_v1_connectors_namespace_name_import_openapi_response_200_report import PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report
from .post_v1_connectors_namespace_name_test_operation_body import PostV1ConnectorsNamespaceNameTestOperationBody
from .post_v1_connectors_namespace_name_test_operation_body_input import PostV1ConnectorsNamespaceNameTestOperationBodyInput
from .post_v1_connectors_namespace_name_test_operation_response_200 import PostV1ConnectorsNamespaceNameTestOperationResponse200
from .post_v1_connectors_namespace_name_test_operation_response_200_error import PostV1ConnectorsNamespaceNameTestOperationResponse200Error
from .post_v1_connectors_namespace_name_test_operation_response_200_exchanges_item import PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem
from .post_v1_connectors_parse_openapi_body import PostV1ConnectorsParseOpenapiBody
from .post_v1_connectors_parse_openapi_body_document_type_0 import PostV1ConnectorsParseOpenapiBodyDocumentType0
from .post_v1_connectors_parse_openapi_body_filter import PostV1ConnectorsParseOpenapiBodyFilter
from .post_v1_connectors_parse_openapi_response_200 import PostV1ConnectorsParseOpenapiResponse200
from .post_v1_connectors_parse_openapi_response_200_definition_type_0 import PostV1ConnectorsParseOpenapiResponse200DefinitionType0
from .post_v1_connectors_parse_openapi_response_200_report import PostV1ConnectorsParseOpenapiResponse200Report
from .post_v1_executions_id_continue_body import PostV1ExecutionsIdContinueBody
from .post_v1_executions_id_continue_body_decision import PostV1ExecutionsIdContinueBodyDecision
from .post_v1_executions_id_continue_body_input import PostV1ExecutionsIdContinueBodyInput
from .post_v1_mcp_connections_body import PostV1McpConnectionsBody
from .post_v1_mcp_connections_body_auth import PostV1McpConnectionsBodyAuth
from .post_v1_mcp_connections_body_auth_type import PostV1McpConnectionsBodyAuthType
from .post_v1_mcp_connections_id_refresh_response_200 import PostV1McpConnectionsIdRefreshResponse200
from .post_v1_mcp_connections_id_refresh_response_200_auth import PostV1McpConnectionsIdRefreshResponse200Auth
from .post_v1_mcp_connections_id_refresh_response_200_tools_item import PostV1McpConnectionsIdRefreshResponse200ToolsItem
from .post_v1_mcp_connections_response_201 import PostV1McpConnectionsResponse201
from .post_v1_mcp_connections_response_201_auth import PostV1McpConnectionsResponse201Auth
from .post_v1_mcp_connections_response_201_tools_item import PostV1McpConnectionsResponse201ToolsItem
from .post_v1_webhooks_endpoints_body import PostV1WebhooksEndpointsBody
from .post_v1_webhooks_events_id_replay_body import PostV1WebhooksEventsIdReplayBody
from .post_v1_webhooks_events_id_replay_response_202 import PostV1WebhooksEventsIdReplayResponse202
from .post_v1_webhooks_subscriptions_body import PostV1WebhooksSubscriptionsBody
from .post_v1_webhooks_subscriptions_body_delivery import PostV1WebhooksSubscriptionsBodyDelivery
from .post_v1_webhooks_subscriptions_id_rotate_secret_body import PostV1WebhooksSubscriptionsIdRotateSecretBody
from .provider_error import ProviderError
from .provider_error_error import ProviderErrorError
from .put_v1_connectors_namespace_name_body import PutV1ConnectorsNamespaceNameBody
from .put_v1_connectors_namespace_name_body_auth import PutV1ConnectorsNamespaceNameBodyAuth
from .put_v1_connectors_namespace_name_body_headers import PutV1ConnectorsNamespaceNameBodyHeaders
from .put_v1_connectors_namespace_name_body_operations_item import PutV1ConnectorsNamespaceNameBodyOperationsItem
from .put_v1_connectors_namespace_name_body_packs_item import PutV1ConnectorsNamespaceNameBodyPacksItem
from .put_v1_oauth_apps_provider_body import PutV1OauthAppsProviderBody
from .skill import Skill
from .skill_binding import SkillBinding
from .skill_presets import SkillPresets
from .skill_webhook import SkillWebhook
from .webhook_delivery import WebhookDelivery
from .webhook_delivery_detail import WebhookDeliveryDetail
from .webhook_delivery_detail_attempts_detail_item import WebhookDeliveryDetailAttemptsDetailItem
from .webhook_delivery_detail_status import WebhookDeliveryDetailStatus
from .webhook_delivery_status import WebhookDeliveryStatus
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_created import WebhookEndpointCreated
from .webhook_endpoint_created_status import WebhookEndpointCreatedStatus
from .webhook_endpoint_status import WebhookEndpointStatus
from .webhook_event import WebhookEvent
from .webhook_stats import WebhookStats
from .webhook_stats_status import WebhookStatsStatus
from .webhook_subscription import WebhookSubscription
from .webhook_subscription_delivery import WebhookSubscriptionDelivery
from .webhook_subscription_status import WebhookSubscriptionStatus
from .webhook_subscription_with_secret import WebhookSubscriptionWithSecret
from .webhook_subscription_with_secret_delivery import WebhookSubscriptionWithSecretDelivery
from .webhook_subscription_with_secret_status import WebhookSubscriptionWithSecretStatus

__all__ = (
    "Agent",
    "AgentVariables",
    "AgentVersion",
    "AgentVersionDetail",
    "APIKey",
    "APIKeyCreated",
    "APIKeyCreatedScopesItem",
    "APIKeyScopesItem",
    "AuditEntry",
    "Authorization",
    "AuthorizationConfig",
    "AuthorizationStatus",
    "AutoMapProposal",
    "AutoMapProposalAlternativesItem",
    "AutoMapProposalSuggestedPresetsItem",
    "CatalogEntry",
    "CatalogEntryDetail",
    "CatalogEntryDetailActionsItem",
    "CatalogEntryDetailCredentialFieldsItem",
    "CatalogEntryDetailStatus",
    "CatalogEntryStatus",
    "Connection",
    "ConnectionAuth",
    "ConnectionAuthStatus",
    "ConnectionConfig",
    "ConnectionStatus",
    "Connector",
    "ConnectorDefinition",
    "DeleteV1AgentsIdMcpResponse400Type1",
    "DeleteV1AgentsIdMcpResponse400Type1Error",
    "DeleteV1AgentsIdMcpResponse400Type1Params",
    "DeleteV1AgentsIdMcpResponse401Type1",
    "DeleteV1AgentsIdMcpResponse401Type1Error",
    "DeleteV1AgentsIdMcpResponse401Type1Params",
    "DeleteV1AgentsIdMcpResponse403Type1",
    "DeleteV1AgentsIdMcpResponse403Type1Error",
    "DeleteV1AgentsIdMcpResponse403Type1Params",
    "DeleteV1AgentsIdMcpResponse404Type1",
    "DeleteV1AgentsIdMcpResponse404Type1Error",
    "DeleteV1AgentsIdMcpResponse404Type1Params",
    "DeleteV1AgentsIdMcpResponse405Type1",
    "DeleteV1AgentsIdMcpResponse405Type1Error",
    "DeleteV1AgentsIdMcpResponse405Type1Params",
    "DeleteV1AgentsIdMcpResponse406Type1",
    "DeleteV1AgentsIdMcpResponse406Type1Error",
    "DeleteV1AgentsIdMcpResponse406Type1Params",
    "DeleteV1AgentsIdMcpResponse409Type1",
    "DeleteV1AgentsIdMcpResponse409Type1Error",
    "DeleteV1AgentsIdMcpResponse409Type1Params",
    "DeleteV1AgentsIdMcpResponse415Type1",
    "DeleteV1AgentsIdMcpResponse415Type1Error",
    "DeleteV1AgentsIdMcpResponse415Type1Params",
    "DeleteV1AgentsIdMcpResponse429Type1",
    "DeleteV1AgentsIdMcpResponse429Type1Error",
    "DeleteV1AgentsIdMcpResponse429Type1Params",
    "DeleteV1AgentsIdMcpResponse503Type1",
    "DeleteV1AgentsIdMcpResponse503Type1Error",
    "DeleteV1AgentsIdMcpResponse503Type1Params",
    "DeleteV1AgentsIdProvisionProviderResponse200",
    "DeleteV1AgentsIdResponse200",
    "DeleteV1AgentsIdSkillsNameResponse200",
    "DeleteV1McpConnectionsIdResponse200",
    "DeleteV1McpConnectionsIdResponse200Auth",
    "DeleteV1McpConnectionsIdResponse200ToolsItem",
    "DeleteV1OauthAppsProviderResponse200",
    "DeleteV1WebhooksSubscriptionsIdResponse200",
    "DiscoveredSchema",
    "DiscoveredSchemaObjectsItem",
    "DiscoveredSchemaOperationsItem",
    "DiscoveredSchemaRelationshipsItem",
    "Error",
    "ErrorCode",
    "ErrorError",
    "Execution",
    "ExecutionErrorType0",
    "ExecutionRequestsItem",
    "ExecutionStatus",
    "ExecutionTrigger",
    "GetHealthzResponse200",
    "GetOpenapiJsonResponse200",
    "GetReadyzResponse200",
    "GetReadyzResponse200Checks",
    "GetReadyzResponse200ChecksAdditionalProperty",
    "GetReadyzResponse200ChecksAdditionalPropertyStatus",
    "GetReadyzResponse200Status",
    "GetReadyzResponse503",
    "GetReadyzResponse503Checks",
    "GetReadyzResponse503ChecksAdditionalProperty",
    "GetReadyzResponse503ChecksAdditionalPropertyStatus",
    "GetReadyzResponse503Status",
    "GetV1AgentsIdEventsResponse200",
    "GetV1AgentsIdMcpResponse200",
    "GetV1AgentsIdMcpResponse200Error",
    "GetV1AgentsIdMcpResponse200Params",
    "GetV1AgentsIdMcpResponse400Type1",
    "GetV1AgentsIdMcpResponse400Type1Error",
    "GetV1AgentsIdMcpResponse400Type1Params",
    "GetV1AgentsIdMcpResponse401Type1",
    "GetV1AgentsIdMcpResponse401Type1Error",
    "GetV1AgentsIdMcpResponse401Type1Params",
    "GetV1AgentsIdMcpResponse403Type1",
    "GetV1AgentsIdMcpResponse403Type1Error",
    "GetV1AgentsIdMcpResponse403Type1Params",
    "GetV1AgentsIdMcpResponse404Type1",
    "GetV1AgentsIdMcpResponse404Type1Error",
    "GetV1AgentsIdMcpResponse404Type1Params",
    "GetV1AgentsIdMcpResponse405Type1",
    "GetV1AgentsIdMcpResponse405Type1Error",
    "GetV1AgentsIdMcpResponse405Type1Params",
    "GetV1AgentsIdMcpResponse406Type1",
    "GetV1AgentsIdMcpResponse406Type1Error",
    "GetV1AgentsIdMcpResponse406Type1Params",
    "GetV1AgentsIdMcpResponse409Type1",
    "GetV1AgentsIdMcpResponse409Type1Error",
    "GetV1AgentsIdMcpResponse409Type1Params",
    "GetV1AgentsIdMcpResponse415Type1",
    "GetV1AgentsIdMcpResponse415Type1Error",
    "GetV1AgentsIdMcpResponse415Type1Params",
    "GetV1AgentsIdMcpResponse429Type1",
    "GetV1AgentsIdMcpResponse429Type1Error",
    "GetV1AgentsIdMcpResponse429Type1Params",
    "GetV1AgentsIdMcpResponse503Type1",
    "GetV1AgentsIdMcpResponse503Type1Error",
    "GetV1AgentsIdMcpResponse503Type1Params",
    "GetV1AgentsIdSkillsResponse200",
    "GetV1AgentsIdToolsFormat",
    "GetV1AgentsIdToolsResponse200",
    "GetV1AgentsIdToolsResponse200Format",
    "GetV1AgentsIdToolsResponse200ToolsItem",
    "GetV1AgentsIdVersionsResponse200",
    "GetV1AgentsResponse200",
    "GetV1ApiKeysResponse200",
    "GetV1AuditResponse200",
    "GetV1CatalogProviderPacksResponse200",
    "GetV1CatalogResponse200",
    "GetV1CatalogResponse200Counts",
    "GetV1CatalogStatus",
    "GetV1ConnectionsIdSchemaObjectsObjectResponse200",
    "GetV1ConnectionsIdSchemaObjectsObjectResponse200OperationsItem",
    "GetV1ConnectionsIdSchemaObjectsObjectResponse200RelationshipsItem",
    "GetV1ConnectionsIdSchemaObjectsResponse200",
    "GetV1ConnectionsIdSchemaObjectsResponse200DataItem",
    "GetV1ConnectionsIdSchemaOperationsResponse200",
    "GetV1ConnectionsIdSchemaOperationsResponse200DataItem",
    "GetV1ConnectionsResponse200",
    "GetV1ConnectionsStatus",
    "GetV1ConnectorsResponse200",
    "GetV1ExecutionsResponse200",
    "GetV1ExecutionsStatus",
    "GetV1ExecutionsTrigger",
    "GetV1McpConnectionsIdResponse200",
    "GetV1McpConnectionsIdResponse200Auth",
    "GetV1McpConnectionsIdResponse200ToolsItem",
    "GetV1McpConnectionsResponse200",
    "GetV1McpConnectionsResponse200DataItem",
    "GetV1McpConnectionsResponse200DataItemAuth",
    "GetV1McpConnectionsResponse200DataItemToolsItem",
    "GetV1OauthAppsResponse200",
    "GetV1PluginsResponse200",
    "GetV1PluginsResponse200DataItem",
    "GetV1PluginsResponse200DataItemIsolation",
    "GetV1PluginsResponse200DataItemStatus",
    "GetV1WebhooksDeliveriesResponse200",
    "GetV1WebhooksDeliveriesStatus",
    "GetV1WebhooksEndpointsResponse200",
    "GetV1WebhooksEventsResponse200",
    "GetV1WebhooksSubscriptionsResponse200",
    "OAuthApp",
    "Pack",
    "PackSkillsItem",
    "PackSkillsItemPresets",
    "PatchV1AgentsIdBody",
    "PatchV1AgentsIdBodyVariables",
    "PatchV1AgentsIdSkillsNameBody",
    "PatchV1AgentsIdSkillsNameBodyPresets",
    "PatchV1ApiKeysIdBody",
    "PatchV1ConnectionsIdBody",
    "PatchV1ConnectionsIdBodyConfig",
    "PatchV1ConnectionsIdBodyCredentials",
    "PostHooksProviderIdResponse200",
    "PostV1AgentsBody",
    "PostV1AgentsBodyVariables",
    "PostV1AgentsIdBindingsAutoMapBody",
    "PostV1AgentsIdBindingsBody",
    "PostV1AgentsIdBindingsBodyKind",
    "PostV1AgentsIdBindingsBodyPresets",
    "PostV1AgentsIdMcpBody",
    "PostV1AgentsIdMcpBodyError",
    "PostV1AgentsIdMcpBodyParams",
    "PostV1AgentsIdMcpResponse200",
    "PostV1AgentsIdMcpResponse200Error",
    "PostV1AgentsIdMcpResponse200Params",
    "PostV1AgentsIdMcpResponse400Type1",
    "PostV1AgentsIdMcpResponse400Type1Error",
    "PostV1AgentsIdMcpResponse400Type1Params",
    "PostV1AgentsIdMcpResponse401Type1",
    "PostV1AgentsIdMcpResponse401Type1Error",
    "PostV1AgentsIdMcpResponse401Type1Params",
    "PostV1AgentsIdMcpResponse403Type1",
    "PostV1AgentsIdMcpResponse403Type1Error",
    "PostV1AgentsIdMcpResponse403Type1Params",
    "PostV1AgentsIdMcpResponse404Type1",
    "PostV1AgentsIdMcpResponse404Type1Error",
    "PostV1AgentsIdMcpResponse404Type1Params",
    "PostV1AgentsIdMcpResponse405Type1",
    "PostV1AgentsIdMcpResponse405Type1Error",
    "PostV1AgentsIdMcpResponse405Type1Params",
    "PostV1AgentsIdMcpResponse406Type1",
    "PostV1AgentsIdMcpResponse406Type1Error",
    "PostV1AgentsIdMcpResponse406Type1Params",
    "PostV1AgentsIdMcpResponse409Type1",
    "PostV1AgentsIdMcpResponse409Type1Error",
    "PostV1AgentsIdMcpResponse409Type1Params",
    "PostV1AgentsIdMcpResponse413Type1",
    "PostV1AgentsIdMcpResponse413Type1Error",
    "PostV1AgentsIdMcpResponse413Type1Params",
    "PostV1AgentsIdMcpResponse415Type1",
    "PostV1AgentsIdMcpResponse415Type1Error",
    "PostV1AgentsIdMcpResponse415Type1Params",
    "PostV1AgentsIdMcpResponse429Type1",
    "PostV1AgentsIdMcpResponse429Type1Error",
    "PostV1AgentsIdMcpResponse429Type1Params",
    "PostV1AgentsIdMcpResponse503Type1",
    "PostV1AgentsIdMcpResponse503Type1Error",
    "PostV1AgentsIdMcpResponse503Type1Params",
    "PostV1AgentsIdPacksBody",
    "PostV1AgentsIdPacksResponse201",
    "PostV1AgentsIdProvisionBody",
    "PostV1AgentsIdProvisionResponse201",
    "PostV1AgentsIdPublishBody",
    "PostV1AgentsIdRollbackBody",
    "PostV1AgentsIdSkillsBody",
    "PostV1AgentsIdSkillsBodyInputSchema",
    "PostV1AgentsIdSkillsBodyOutputSchema",
    "PostV1AgentsIdSkillsBodyPresets",
    "PostV1AgentsIdSkillsBodyType",
    "PostV1AgentsIdSkillsNameInvokeBody",
    "PostV1AgentsIdSkillsNameInvokeBodyInput",
    "PostV1ApiKeysBody",
    "PostV1ApiKeysBodyScopesItem",
    "PostV1ConnectionsBody",
    "PostV1ConnectionsBodyConfig",
    "PostV1ConnectionsBodyCredentials",
    "PostV1ConnectionsIdActionsActionInvokeBody",
    "PostV1ConnectionsIdActionsActionInvokeBodyInput",
    "PostV1ConnectionsIdAuthorizeBody",
    "PostV1ConnectionsIdTestResponse200",
    "PostV1ConnectorsBody",
    "PostV1ConnectorsBodyAuth",
    "PostV1ConnectorsBodyHeaders",
    "PostV1ConnectorsBodyOperationsItem",
    "PostV1ConnectorsBodyPacksItem",
    "PostV1ConnectorsNamespaceNameImportOpenapiBody",
    "PostV1ConnectorsNamespaceNameImportOpenapiBodyDocumentType0",
    "PostV1ConnectorsNamespaceNameImportOpenapiBodyFilter",
    "PostV1ConnectorsNamespaceNameImportOpenapiResponse200",
    "PostV1ConnectorsNamespaceNameImportOpenapiResponse200Report",
    "PostV1ConnectorsNamespaceNameTestOperationBody",
    "PostV1ConnectorsNamespaceNameTestOperationBodyInput",
    "PostV1ConnectorsNamespaceNameTestOperationResponse200",
    "PostV1ConnectorsNamespaceNameTestOperationResponse200Error",
    "PostV1ConnectorsNamespaceNameTestOperationResponse200ExchangesItem",
    "PostV1ConnectorsParseOpenapiBody",
    "PostV1ConnectorsParseOpenapiBodyDocumentType0",
    "PostV1ConnectorsParseOpenapiBodyFilter",
    "PostV1ConnectorsParseOpenapiResponse200",
    "PostV1ConnectorsParseOpenapiResponse200DefinitionType0",
    "PostV1ConnectorsParseOpenapiResponse200Report",
    "PostV1ExecutionsIdContinueBody",
    "PostV1ExecutionsIdContinueBodyDecision",
    "PostV1ExecutionsIdContinueBodyInput",
    "PostV1McpConnectionsBody",
    "PostV1McpConnectionsBodyAuth",
    "PostV1McpConnectionsBodyAuthType",
    "PostV1McpConnectionsIdRefreshResponse200",
    "PostV1McpConnectionsIdRefreshResponse200Auth",
    "PostV1McpConnectionsIdRefreshResponse200ToolsItem",
    "PostV1McpConnectionsResponse201",
    "PostV1McpConnectionsResponse201Auth",
    "PostV1McpConnectionsResponse201ToolsItem",
    "PostV1WebhooksEndpointsBody",
    "PostV1WebhooksEventsIdReplayBody",
    "PostV1WebhooksEventsIdReplayResponse202",
    "PostV1WebhooksSubscriptionsBody",
    "PostV1WebhooksSubscriptionsBodyDelivery",
    "PostV1WebhooksSubscriptionsIdRotateSecretBody",
    "ProviderError",
    "ProviderErrorError",
    "PutV1ConnectorsNamespaceNameBody",
    "PutV1ConnectorsNamespaceNameBodyAuth",
    "PutV1ConnectorsNamespaceNameBodyHeaders",
    "PutV1ConnectorsNamespaceNameBodyOperationsItem",
    "PutV1ConnectorsNamespaceNameBodyPacksItem",
    "PutV1OauthAppsProviderBody",
    "Skill",
    "SkillBinding",
    "SkillPresets",
    "SkillWebhook",
    "WebhookDelivery",
    "WebhookDeliveryDetail",
    "WebhookDeliveryDetailAttemptsDetailItem",
    "WebhookDeliveryDetailStatus",
    "WebhookDeliveryStatus",
    "WebhookEndpoint",
    "WebhookEndpointCreated",
    "WebhookEndpointCreatedStatus",
    "WebhookEndpointStatus",
    "WebhookEvent",
    "WebhookStats",
    "WebhookStatsStatus",
    "WebhookSubscription",
    "WebhookSubscriptionDelivery",
    "WebhookSubscriptionStatus",
    "WebhookSubscriptionWithSecret",
    "WebhookSubscriptionWithSecretDelivery",
    "WebhookSubscriptionWithSecretStatus",
)
