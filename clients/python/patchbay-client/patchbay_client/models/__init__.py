""" Contains all the data models used in inputs/outputs """

from .error import Error
from .error_error import ErrorError
from .patch_v1_agents_id_body import PatchV1AgentsIdBody
from .patch_v1_agents_id_body_variables import PatchV1AgentsIdBodyVariables
from .patch_v1_agents_id_skills_name_body import PatchV1AgentsIdSkillsNameBody
from .patch_v1_agents_id_skills_name_body_presets import PatchV1AgentsIdSkillsNameBodyPresets
from .patch_v1_connections_id_body import PatchV1ConnectionsIdBody
from .patch_v1_connections_id_body_config import PatchV1ConnectionsIdBodyConfig
from .patch_v1_connections_id_body_credentials import PatchV1ConnectionsIdBodyCredentials
from .post_v1_agents_body import PostV1AgentsBody
from .post_v1_agents_body_variables import PostV1AgentsBodyVariables
from .post_v1_agents_id_bindings_auto_map_body import PostV1AgentsIdBindingsAutoMapBody
from .post_v1_agents_id_bindings_body import PostV1AgentsIdBindingsBody
from .post_v1_agents_id_bindings_body_kind import PostV1AgentsIdBindingsBodyKind
from .post_v1_agents_id_bindings_body_presets import PostV1AgentsIdBindingsBodyPresets
from .post_v1_agents_id_packs_body import PostV1AgentsIdPacksBody
from .post_v1_agents_id_provision_body import PostV1AgentsIdProvisionBody
from .post_v1_agents_id_publish_body import PostV1AgentsIdPublishBody
from .post_v1_agents_id_rollback_body import PostV1AgentsIdRollbackBody
from .post_v1_agents_id_skills_body import PostV1AgentsIdSkillsBody
from .post_v1_agents_id_skills_body_presets import PostV1AgentsIdSkillsBodyPresets
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
from .post_v1_connectors_namespace_name_test_operation_body import PostV1ConnectorsNamespaceNameTestOperationBody
from .post_v1_connectors_namespace_name_test_operation_body_input import PostV1ConnectorsNamespaceNameTestOperationBodyInput
from .post_v1_executions_id_continue_body import PostV1ExecutionsIdContinueBody
from .post_v1_executions_id_continue_body_decision import PostV1ExecutionsIdContinueBodyDecision
from .post_v1_executions_id_continue_body_input import PostV1ExecutionsIdContinueBodyInput
from .post_v1_webhooks_endpoints_body import PostV1WebhooksEndpointsBody
from .post_v1_webhooks_events_id_replay_body import PostV1WebhooksEventsIdReplayBody
from .post_v1_webhooks_subscriptions_body import PostV1WebhooksSubscriptionsBody
from .post_v1_webhooks_subscriptions_body_delivery import PostV1WebhooksSubscriptionsBodyDelivery
from .post_v1_webhooks_subscriptions_id_rotate_secret_body import PostV1WebhooksSubscriptionsIdRotateSecretBody
from .put_v1_oauth_apps_provider_body import PutV1OauthAppsProviderBody

__all__ = (
    "Error",
    "ErrorError",
    "PatchV1AgentsIdBody",
    "PatchV1AgentsIdBodyVariables",
    "PatchV1AgentsIdSkillsNameBody",
    "PatchV1AgentsIdSkillsNameBodyPresets",
    "PatchV1ConnectionsIdBody",
    "PatchV1ConnectionsIdBodyConfig",
    "PatchV1ConnectionsIdBodyCredentials",
    "PostV1AgentsBody",
    "PostV1AgentsBodyVariables",
    "PostV1AgentsIdBindingsAutoMapBody",
    "PostV1AgentsIdBindingsBody",
    "PostV1AgentsIdBindingsBodyKind",
    "PostV1AgentsIdBindingsBodyPresets",
    "PostV1AgentsIdPacksBody",
    "PostV1AgentsIdProvisionBody",
    "PostV1AgentsIdPublishBody",
    "PostV1AgentsIdRollbackBody",
    "PostV1AgentsIdSkillsBody",
    "PostV1AgentsIdSkillsBodyPresets",
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
    "PostV1ConnectorsNamespaceNameTestOperationBody",
    "PostV1ConnectorsNamespaceNameTestOperationBodyInput",
    "PostV1ExecutionsIdContinueBody",
    "PostV1ExecutionsIdContinueBodyDecision",
    "PostV1ExecutionsIdContinueBodyInput",
    "PostV1WebhooksEndpointsBody",
    "PostV1WebhooksEventsIdReplayBody",
    "PostV1WebhooksSubscriptionsBody",
    "PostV1WebhooksSubscriptionsBodyDelivery",
    "PostV1WebhooksSubscriptionsIdRotateSecretBody",
    "PutV1OauthAppsProviderBody",
)
