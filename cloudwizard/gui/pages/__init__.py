"""The wizard's pages: welcome, questions, review and result."""
