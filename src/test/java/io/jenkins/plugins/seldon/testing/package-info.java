/**
 * Test infrastructure shared by the plugin's tests. {@link io.jenkins.plugins.seldon.testing.FakeSeldonApi} serves
 * SeldonDeployments and Seldon Core v2 Pipelines, Models and Experiments, each with scriptable status
 * ({@code scriptNextWrite}, {@code scriptReads}), the pods behind a deployment ({@code podsFor}), the server version
 * ({@code serverVersion}) and GitOps commits ({@code commits()}), and what a delivery pipeline operates: predictions,
 * validation, GitOps history with reverts and restores ({@code gitHistory()}), batch jobs ({@code batchJobPhases}),
 * load tests, monitors and model metadata.
 *
 * <p>Fake API with locally minted tokens (no Keycloak; fast):
 * <pre>{@code
 * TestTokenIssuer issuer = new TestTokenIssuer();
 * try (FakeSeldonApi api = FakeSeldonApi.start(issuer.verifier())) {
 *     String token = issuer.token("alice", "deployers");      // RS256 id_token, 5 minutes
 *     api.gitOpsNamespace("production", 3).staleReadsAfterUpdate(2);
 *     ... new ServerSettings(api.baseUrl().toString()) ...   // or api.apiUrl()
 *     api.requests(); api.writes(); api.stored("staging", "iris");
 * }
 * }</pre>
 *
 * <p>Fake API behind a real OIDC provider (Keycloak started once per test JVM, or the {@code SELDON_IT_*} one):
 * <pre>{@code
 * @ExtendWith(KeycloakExtension.class)
 * class MyTest {
 *     @Test
 *     void works(OidcProvider provider) throws Exception {
 *         try (FakeSeldonApi api = FakeSeldonApi.start(provider.verifier(Clock.systemUTC()))) {
 *             OidcSettings settings = provider.settings(OidcGrant.CLIENT_CREDENTIALS).build();
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>For the client's own error handling, {@link io.jenkins.plugins.seldon.testing.LocalHttpServer} answers exactly
 * what a test scripts per path, and {@link io.jenkins.plugins.seldon.testing.FakeOidcProvider} puts a scriptable
 * token endpoint (wrong secrets, missing id_token, delays) on it. {@link io.jenkins.plugins.seldon.testing.TestHttp}
 * gives HTTP client factories with millisecond retry waits and answers that never end;
 * {@link io.jenkins.plugins.seldon.testing.CountingProxy} counts the connections clients open to a local server.
 */
package io.jenkins.plugins.seldon.testing;
