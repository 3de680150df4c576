package com.leadhandoff.routing;

import camundajar.impl.scala.util.Either;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.feel.FeelEngine.Configuration;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.FunctionProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.camunda.feel.valuemapper.ValueMapper.CompositeValueMapper;
import org.springframework.stereotype.Component;

/**
 * FEEL for the decision tables, each expression parsed once. Camunda's FEEL engine parses every
 * input entry and output expression each time a table is evaluated; in a routing step that was a
 * sixth of the job threads' time (docs/benchmarks.md). This is Camunda's own Scala FEEL engine,
 * evaluating exactly as before, with its parse results kept: they are immutable, so every thread
 * shares them. The cache holds the most recently used {@value #EXPRESSIONS} expressions of each
 * kind, since rule previews and backtests bring tables that are never deployed.
 *
 * <p>As a process engine plugin it gives the engine's DMN engine this FEEL engine; {@link RuleEngine}
 * uses {@link #factory} for its own.
 */
@Component
public class ParsedFeel extends AbstractProcessEnginePlugin {

  static final int EXPRESSIONS = 10_000;

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration();
    if (dmn == null) {
      dmn = (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      configuration.setDmnEngineConfiguration(dmn);
    }
    dmn.setFeelEngineFactory(factory(dmn::getFeelCustomFunctionProviders));
  }

  /** A factory for a DMN engine configuration; the custom functions are read when the engine is built. */
  public static FeelEngineFactory factory(Supplier<List<FeelCustomFunctionProvider>> functions) {
    return () -> new Engine(Objects.requireNonNullElse(functions.get(), List.of()));
  }

  /** Camunda's Scala FEEL engine over a parser that remembers. */
  static final class Engine extends ScalaFeelEngine {

    Engine(List<FeelCustomFunctionProvider> functions) {
      super(functions);
    }

    @Override
    protected org.camunda.feel.FeelEngine buildFeelEngine(CustomFunctionTransformer functions, CompositeValueMapper values) {
      // as Camunda builds it: its functions and value mappers, external (Java) functions off
      return new Parser(functions, values);
    }

    Parser parser() {
      return (Parser) feelEngine;
    }
  }

  /** The FEEL engine whose two parse methods, which every evaluation calls first, answer from the cache. */
  static final class Parser extends org.camunda.feel.FeelEngine {

    private final Cache<String, Either<Failure, ParsedExpression>> expressions = Caffeine.newBuilder().maximumSize(EXPRESSIONS).build();
    private final Cache<String, Either<Failure, ParsedExpression>> unaryTests = Caffeine.newBuilder().maximumSize(EXPRESSIONS).build();
    private final LongAdder parsed = new LongAdder();

    Parser(FunctionProvider functions, ValueMapper values) {
      super(functions, values, new Configuration(false), org.camunda.feel.FeelEngine.defaultClock());
    }

    @Override
    public Either<Failure, ParsedExpression> parseExpression(String expression) {
      return remembered(expressions, expression, super::parseExpression);
    }

    @Override
    public Either<Failure, ParsedExpression> parseUnaryTests(String expression) {
      return remembered(unaryTests, expression, super::parseUnaryTests);
    }

    private Either<Failure, ParsedExpression> remembered(Cache<String, Either<Failure, ParsedExpression>> cache, String expression,
        Function<String, Either<Failure, ParsedExpression>> parse) {
      return cache.get(expression, text -> {
        parsed.increment();
        return parse.apply(text);
      });
    }

    /** How many times an expression was really parsed. */
    long parsed() {
      return parsed.sum();
    }
  }
}
