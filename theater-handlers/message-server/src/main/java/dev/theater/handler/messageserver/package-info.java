/**
 * The {@code message-server} handler: a router per runtime ({@link dev.theater.handler.messageserver.Router})
 * and, per actor, its host functions ({@link dev.theater.handler.messageserver.MessageServerHandler}) and its
 * receiving side ({@link dev.theater.handler.messageserver.Inbox}).
 */
package dev.theater.handler.messageserver;
