export {
  type DeliveryReceipt,
  pollDeliveryStatuses,
  recordDeliveryReceipt,
  type StatusCheckCounts,
} from './delivery.ts';
export {
  type DispatchCounts,
  type DispatcherLog,
  type DispatchOptions,
  dispatchDueMessages,
  startMessageDispatcher,
} from './dispatcher.ts';
export { type NotifyGateway, notifyGateway, notifyGatewayFor, type OutgoingMessage } from './notify.ts';
export { type MessageChannel, type MessageStatus, messageStatuses, type Personalisation } from './schema.ts';
export {
  cancelQueuedMessage,
  findMessage,
  messageStatusCounts,
  type NewMessage,
  type OutboxMessageRow,
  queueMessage,
} from './service.ts';
