"""Article -> Analysis: pure, versioned analysers and the pipeline that runs them."""
