/**
 * The interface documents kept true and compatible (docs/contracts.md): each service's AsyncAPI document made from
 * its bindings and the event records ({@link dev.coffeeshop.testsupport.contracts.AsyncApiDocument}), the documents
 * compared with the checked-in ones ({@link dev.coffeeshop.testsupport.contracts.ContractChecks}) and with the last
 * released ones ({@link dev.coffeeshop.testsupport.contracts.Compatibility}).
 */
package dev.coffeeshop.testsupport.contracts;
