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
 * <p>Bad user input (a malformed manifest, an invalid name...) is always an
 * {@link io.jenkins.plugins.seldon.operations.InvalidInputException}, detected before the request it concerns; a
 * resource that does not become ready is a {@link io.jenkins.plugins.seldon.operations.NotReadyException}; a
 * multi-document apply that fails part-way is a {@link io.jenkins.plugins.seldon.operations.PartialApplyException};
 * everything the server or the network refuses is a {@link io.jenkins.plugins.seldon.client.error.SeldonException}.
 * The Jenkins layer can report them all by their message alone.
 */
package io.jenkins.plugins.seldon.operations;
