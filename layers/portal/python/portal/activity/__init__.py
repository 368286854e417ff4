"""What clients do, for the office: one activity item per client action, written in the action's
own TransactWrite. It is the office inbox's entry and the outbox of the event published to the
stack's EventBridge bus (its ulid is the event's stable ``detail.id``)."""
