"""Detection of personal and commercial-secret data: in columns (`columns`) and in free text (`text`)."""
