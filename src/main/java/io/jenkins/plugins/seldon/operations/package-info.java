/**
 * Behaviour and validation shared by the Pipeline steps and the freestyle build steps, for every kind (SeldonDeployment,
 * Pipeline, Model, Experiment), free of Jenkins types so it runs (and is tested) offline: manifest parsing and
 * validation ({@link io.jenkins.plugins.seldon.operations.Manifests}, {@link io.jenkins.plugins.seldon.operations.Names}),
 * the operations ({@link io.jenkins.plugins.seldon.operations.ResourceOperations}) and the record of what they changed
 * ({@link io.jenkins.plugins.seldon.operations.Change}), readiness evaluation
 * ({@link io.jenkins.plugins.seldon.operations.Readiness}) with a blocking loop for freestyle
 * ({@link io.jenkins.plugins.seldon.operations.ResourceWait}), and conversion of results to plain Java values
 * ({@link io.jenkins.plugins.seldon.operations.PlainJson}); canaries and shadows of Pipelines and SeldonDeployments
 * with the same verbs ({@link io.jenkins.plugins.seldon.operations.Rollouts}), a canary gated by a test
 * ({@link io.jenkins.plugins.seldon.operations.GatedRollout}, whose
 * {@link io.jenkins.plugins.seldon.operations.RolloutState} a Pipeline step persists), and promotion of a resource
 * between environments ({@link io.jenkins.plugins.seldon.operations.EnvironmentPromotion}).
 *
 * <p>Operating what is deployed: predictions, gated by an {@link io.jenkins.plugins.seldon.operations.Expectation}
 * ({@link io.jenkins.plugins.seldon.operations.Predictions}, through the API or the cluster's inference URL:
 * {@link io.jenkins.plugins.seldon.operations.CoreV2Inference}), the model metadata store
 * ({@link io.jenkins.plugins.seldon.operations.ModelMetadata}), GitOps history and roll-backs
 * ({@link io.jenkins.plugins.seldon.operations.GitOps}), batch jobs
 * ({@link io.jenkins.plugins.seldon.operations.BatchJobs} and their wait,
 * {@link io.jenkins.plugins.seldon.operations.BatchJobWait}), load tests
 * ({@link io.jenkins.plugins.seldon.operations.LoadTests}), monitors
 * ({@link io.jenkins.plugins.seldon.operations.Monitors}),
 * the server's validation of manifests ({@link io.jenkins.plugins.seldon.operations.DeploymentValidation}), who a build
 * is to a server ({@link io.jenkins.plugins.seldon.operations.ServerInfo}) and calls of any path below the API's base
 * URL ({@link io.jenkins.plugins.seldon.operations.ApiCalls}). JSON sent as it is comes through
 * {@link io.jenkins.plugins.seldon.operations.Payloads}.
 *
 * <p>Bad user input (a malformed manifest, an invalid name...) is always an
 * {@link io.jenkins.plugins.seldon.operations.InvalidInputException}, detected before the request it concerns; a
 * resource that does not become ready is a {@link io.jenkins.plugins.seldon.operations.NotReadyException}; a
 * multi-document apply that fails part-way is a {@link io.jenkins.plugins.seldon.operations.PartialApplyException};
 * an outcome that fails the build (a prediction that misses its expectation, a failed batch job, a refused validation,
 * a record or monitor that exists otherwise) is an
 * {@link io.jenkins.plugins.seldon.operations.OperationFailedException};
 * everything the server or the network refuses is a {@link io.jenkins.plugins.seldon.client.error.SeldonException}.
 * The Jenkins layer can report them all by their message alone.
 */
package io.jenkins.plugins.seldon.operations;
