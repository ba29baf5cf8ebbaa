/**
 * Behaviour and validation shared by the Pipeline steps and the freestyle build steps, free of Jenkins types so it
 * runs (and is tested) offline: manifest parsing and validation ({@link io.jenkins.plugins.seldon.operations.Manifests},
 * {@link io.jenkins.plugins.seldon.operations.Names}), the deployment operations
 * ({@link io.jenkins.plugins.seldon.operations.DeploymentOperations}), readiness evaluation
 * ({@link io.jenkins.plugins.seldon.operations.DeploymentReadiness}) with a blocking loop for freestyle
 * ({@link io.jenkins.plugins.seldon.operations.WaitForDeployment}), and conversion of results to plain Java values
 * ({@link io.jenkins.plugins.seldon.operations.PlainJson}).
 *
 * <p>Bad user input (a malformed manifest, an invalid name...) is always an
 * {@link io.jenkins.plugins.seldon.operations.InvalidInputException}, detected before any network call; a deployment
 * that does not become ready is a {@link io.jenkins.plugins.seldon.operations.DeploymentNotReadyException}; everything
 * the server or the network refuses is a {@link io.jenkins.plugins.seldon.client.error.SeldonException}. The Jenkins
 * layer can report all three by their message alone.
 */
package io.jenkins.plugins.seldon.operations;
