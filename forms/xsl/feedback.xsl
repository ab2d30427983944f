<?xml version="1.0" encoding="UTF-8"?>
<!--
  feedback.xsl: the family's feedback when a relay log about their child
  has closed: five statements to agree with or not, from 1 to 5 (each may
  be skipped), and what could have been better; answered once, without
  the family's name. View: h_feedback.c (page "feedback": <feedback id
  unit asked days answered? closed?><question id>text</question>...),
  <error field> and <typed name> after a refusal.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_case.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:if test="error"><xsl:value-of select="i:t('Error:')"/><xsl:text> </xsl:text></xsl:if>
    <xsl:value-of select="i:t('How did the cooperation go?')"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="f" select="feedback"/>
    <h1><xsl:value-of select="i:t('How did the cooperation go?')"/></h1>
    <xsl:if test="error">
      <div class="error-summary" role="alert" tabindex="-1" autofocus="autofocus" aria-labelledby="error-summary-title">
        <h2 id="error-summary-title"><xsl:value-of select="i:t('Your answer was not sent. Correct this:')"/></h2>
        <ul>
          <li><a href="#fb-{error/@field}"><xsl:value-of select="error"/></a></li>
        </ul>
      </div>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$f/@answered">
        <p><xsl:value-of select="i:t('You have answered. Thank you: the service learns from what families say.')"/></p>
        <p><a href="/"><xsl:value-of select="i:t('To the start page')"/></a></p>
      </xsl:when>
      <xsl:when test="$f/@closed">
        <p><xsl:value-of select="i:t('The time to answer is over: the form was open for {0} days after the relay log was closed.', $f/@days)"/></p>
        <p><a href="/"><xsl:value-of select="i:t('To the start page')"/></a></p>
      </xsl:when>
      <xsl:otherwise>
        <p class="intro"><xsl:value-of select="i:t('The relay log about your child at {0} is closed. The service would like to know how the cooperation went.', $f/@unit)"/></p>
        <p><xsl:value-of select="i:t('Your answers are counted with other families’ answers, without your name or your child’s: nobody can see what you answered, the relay holder neither. Skip what you do not want to answer.')"/></p>
        <form method="post" action="/feedback/{$f/@id}" novalidate="novalidate">
          <input type="hidden" name="csrf" value="{/page/csrf}"/>
          <input type="hidden" name="idem" value="{/page/idem}"/>
          <xsl:for-each select="$f/question">
            <xsl:call-template name="scale"/>
          </xsl:for-each>
          <xsl:call-template name="field">
            <xsl:with-param name="id" select="'fb-comment'"/>
            <xsl:with-param name="name" select="'comment'"/>
            <xsl:with-param name="label" select="i:t('What could the services have done better?')"/>
            <xsl:with-param name="type" select="'textarea'"/>
            <xsl:with-param name="maxlength" select="'2000'"/>
            <xsl:with-param name="hint" select="i:t('Do not write names: the service reads this as it is written.')"/>
            <xsl:with-param name="value" select="string(/page/typed[@name = 'comment'])"/>
            <xsl:with-param name="error" select="string(/page/error[@field = 'comment'])"/>
          </xsl:call-template>
          <button type="submit" class="primary"><xsl:value-of select="i:t('Send the answer')"/></button>
        </form>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One statement: 1 to 5, or do not know (context: the question). -->
  <xsl:template name="scale">
    <xsl:variable name="id" select="concat('fb-', @id)"/>
    <xsl:variable name="err" select="string(/page/error[@field = current()/@id])"/>
    <fieldset>
      <xsl:attribute name="class">field choices scale<xsl:if test="$err != ''"> has-error</xsl:if></xsl:attribute>
      <xsl:if test="$err != ''">
        <xsl:attribute name="aria-describedby"><xsl:value-of select="concat($id, '-error')"/></xsl:attribute>
      </xsl:if>
      <legend><xsl:value-of select="."/></legend>
      <xsl:call-template name="choices-error">
        <xsl:with-param name="id" select="$id"/>
        <xsl:with-param name="error" select="$err"/>
      </xsl:call-template>
      <xsl:call-template name="point"><xsl:with-param name="id" select="$id"/><xsl:with-param name="v" select="'1'"/><xsl:with-param name="label" select="i:t('1 – disagree completely')"/></xsl:call-template>
      <xsl:call-template name="point"><xsl:with-param name="id" select="concat($id, '-2')"/><xsl:with-param name="v" select="'2'"/><xsl:with-param name="label" select="i:t('2 – disagree')"/></xsl:call-template>
      <xsl:call-template name="point"><xsl:with-param name="id" select="concat($id, '-3')"/><xsl:with-param name="v" select="'3'"/><xsl:with-param name="label" select="i:t('3 – neither')"/></xsl:call-template>
      <xsl:call-template name="point"><xsl:with-param name="id" select="concat($id, '-4')"/><xsl:with-param name="v" select="'4'"/><xsl:with-param name="label" select="i:t('4 – agree')"/></xsl:call-template>
      <xsl:call-template name="point"><xsl:with-param name="id" select="concat($id, '-5')"/><xsl:with-param name="v" select="'5'"/><xsl:with-param name="label" select="i:t('5 – agree completely')"/></xsl:call-template>
      <xsl:call-template name="point"><xsl:with-param name="id" select="concat($id, '-6')"/><xsl:with-param name="v" select="''"/><xsl:with-param name="label" select="i:t('Do not know, or will not answer')"/></xsl:call-template>
    </fieldset>
  </xsl:template>

  <!-- One point of the scale (context: the question); nothing typed:
       "do not know" is chosen. -->
  <xsl:template name="point">
    <xsl:param name="id"/>
    <xsl:param name="v"/>
    <xsl:param name="label"/>
    <xsl:variable name="typed" select="/page/typed[@name = current()/@id]"/>
    <div class="choice">
      <input type="radio" id="{$id}" name="{@id}" value="{$v}">
        <xsl:if test="($typed and string($typed) = $v) or (not($typed) and $v = '')"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
      </input>
      <label for="{$id}"><xsl:value-of select="$label"/></label>
    </div>
  </xsl:template>
</xsl:stylesheet>
