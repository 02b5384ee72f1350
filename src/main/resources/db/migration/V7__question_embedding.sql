-- Question-to-question matching: a document whose title is a question (every MedQuAD pair, a shipped document
-- whose title ends with "?") keeps the embedding of that question alone, computed once like a passage's.
-- Documents stored before this column existed get it when the index is next rebuilt or synchronised.
alter table document add column question_embedding bytea;
