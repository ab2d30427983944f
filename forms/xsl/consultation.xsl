<?xml version="1.0" encoding="UTF-8"?>
<!-- consultation.xsl: a two-year consultation ("2 år, og i gang"), the
     record the kindergarten, the health clinic and the parents share:
     who it is about, which services and people, what was written, and
     the concern its follow-up made. View: h_consultation.c. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Two-year consultation: {0}', consultation/@child)"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="consultation"/>
    <xsl:choose>
      <xsl:when test="$c/@new">
        <div class="receipt" role="status">
          <h1><xsl:value-of select="i:t('The consultation is recorded')"/></h1>
          <p><xsl:value-of select="i:t('Those who took part from the kindergarten and the health clinic, and the parents, can read it.')"/></p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <h1><xsl:value-of select="i:t('Two-year consultation: {0}', $c/@child)"/></h1>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$c/@concern-ref">
      <div class="callout">
        <p>
          <xsl:value-of select="i:t('The wondering is followed up as concern {0}.', $c/@concern-ref)"/>
          <xsl:if test="$c/@concern">
            <xsl:text> </xsl:text>
            <a href="/concerns/{$c/@concern}"><xsl:value-of select="i:t('Open the concern')"/></a>
          </xsl:if>
        </p>
      </div>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Child')"/></dt>
      <dd>
        <xsl:value-of select="$c/@child"/>
        <xsl:if test="$c/@birth-date">
          <xsl:text> (</xsl:text>
          <xsl:value-of select="i:t('born')"/><xsl:text> </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@birth-date"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Date of the consultation')"/></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@held-on"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Kindergarten')"/></dt>
      <dd><xsl:value-of select="$c/@kindergarten"/></dd>
      <dt><xsl:value-of select="i:t('Health clinic')"/></dt>
      <dd><xsl:value-of select="$c/@health-clinic"/></dd>
      <dt><xsl:value-of select="i:t('Professionals who took part')"/></dt>
      <dd>
        <xsl:value-of select="$c/@author"/>
        <xsl:if test="$c/@persons"><xsl:text>, </xsl:text><xsl:value-of select="$c/@persons"/></xsl:if>
      </dd>
      <dt><xsl:value-of select="i:t('Written by')"/></dt>
      <dd><xsl:value-of select="$c/@author"/>, <xsl:value-of select="$c/@unit"/>, <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@created"/></xsl:call-template></dd>
    </dl>
    <h2><xsl:value-of select="i:t('What was written')"/></h2>
    <xsl:apply-templates select="$c/form" mode="show"/>
    <p><a href="/"><xsl:value-of select="i:t('Back to the start page')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
