"""The pieces of the recommender, one module each.

- `kinds`: the result types (rankings, pairs, split advice, ties, counterfactuals) and the enums
  for the kinds of ranking and the clarity scale.
- `scoring`: effects of the answers, decisive facts (rules out, first candidates), weights and
  the ranking of options.
- `explanation`: margins, the clarity scale, reasons, pros and cons, the recommended pair and the
  split advice.
- `counterfactuals`: "what would change this".

`cloudwizard.engine.recommender` puts them together and is the public entry point.
"""
